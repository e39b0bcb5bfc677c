package dev.interlock.proxy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How to add Interlock's CA to (or remove it from) the OS and browser trust stores. Most agents do not need this:
 * {@code interlock env} / {@code interlock run} make each process trust the CA. Only a Linux system store, when run
 * as root and asked with {@code --system}, is changed by Interlock itself; everything else is printed as exact
 * commands, because a trust-store change is something a person should see and do.
 */
public final class CaInstaller {
    public static final String LINUX_DEBIAN_DIR = "/usr/local/share/ca-certificates";
    public static final String LINUX_FEDORA_DIR = "/etc/pki/ca-trust/source/anchors";
    public static final String FILE_NAME = "interlock-local-ca.crt";
    public static final String NSS_NICKNAME = "Interlock local CA";

    /** One step: what it does, and the command (argv) that does it. */
    public record Step(String what, List<String> argv) {
        public String commandLine() {
            StringBuilder sb = new StringBuilder();
            for (String a : argv) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
            }
            return sb.toString();
        }
    }

    public enum Os { LINUX, MAC, WINDOWS;

        public static Os current() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            return os.contains("mac") ? MAC : os.contains("win") ? WINDOWS : LINUX;
        }
    }

    private CaInstaller() {
    }

    /** The steps that install {@code cert} (PEM file) into the OS store ({@code system}: machine-wide). */
    public static List<Step> install(Os os, Path cert, boolean system, String sha1) {
        List<Step> out = new ArrayList<>();
        switch (os) {
            case LINUX -> {
                if (Files.isDirectory(Path.of(LINUX_FEDORA_DIR)) && !Files.isDirectory(Path.of(LINUX_DEBIAN_DIR))) {
                    out.add(new Step("copy the CA into the system anchors", List.of("cp", cert.toString(),
                            LINUX_FEDORA_DIR + "/" + FILE_NAME)));
                    out.add(new Step("rebuild the system trust store", List.of("update-ca-trust", "extract")));
                } else {
                    out.add(new Step("copy the CA into the system store", List.of("cp", cert.toString(),
                            LINUX_DEBIAN_DIR + "/" + FILE_NAME)));
                    out.add(new Step("rebuild the system trust store", List.of("update-ca-certificates")));
                }
            }
            case MAC -> out.add(system
                    ? new Step("trust the CA for every user (asks for an administrator password)", List.of("sudo",
                    "security", "add-trusted-cert", "-d", "-r", "trustRoot", "-k", "/Library/Keychains/System.keychain",
                    cert.toString()))
                    : new Step("trust the CA in your login keychain (macOS asks to confirm)", List.of("security",
                    "add-trusted-cert", "-r", "trustRoot", "-k",
                    System.getProperty("user.home") + "/Library/Keychains/login.keychain-db", cert.toString())));
            case WINDOWS -> out.add(system
                    ? new Step("trust the CA machine-wide (elevated prompt)", List.of("certutil", "-addstore", "Root",
                    cert.toString()))
                    : new Step("trust the CA for your user (Windows asks to confirm)", List.of("certutil", "-user",
                    "-addstore", "Root", cert.toString())));
        }
        return out;
    }

    public static List<Step> uninstall(Os os, boolean system, String sha1) {
        List<Step> out = new ArrayList<>();
        switch (os) {
            case LINUX -> {
                if (Files.isDirectory(Path.of(LINUX_FEDORA_DIR)) && !Files.isDirectory(Path.of(LINUX_DEBIAN_DIR))) {
                    out.add(new Step("remove the CA from the system anchors", List.of("rm", "-f",
                            LINUX_FEDORA_DIR + "/" + FILE_NAME)));
                    out.add(new Step("rebuild the system trust store", List.of("update-ca-trust", "extract")));
                } else {
                    out.add(new Step("remove the CA from the system store", List.of("rm", "-f",
                            LINUX_DEBIAN_DIR + "/" + FILE_NAME)));
                    out.add(new Step("rebuild the system trust store", List.of("update-ca-certificates", "--fresh")));
                }
            }
            case MAC -> out.add(new Step("remove the CA from the keychain", system
                    ? List.of("sudo", "security", "delete-certificate", "-Z", sha1, "/Library/Keychains/System.keychain")
                    : List.of("security", "delete-certificate", "-Z", sha1)));
            case WINDOWS -> out.add(new Step("remove the CA from the Root store", system
                    ? List.of("certutil", "-delstore", "Root", sha1)
                    : List.of("certutil", "-user", "-delstore", "Root", sha1)));
        }
        return out;
    }

    /** Firefox (and Chrome/Chromium on Linux) keep their own NSS store; these are the steps for that. */
    public static List<Step> nss(Path cert, boolean remove) {
        String db = "sql:" + System.getProperty("user.home") + "/.pki/nssdb";
        return List.of(remove
                ? new Step("remove from the NSS store (Chrome/Chromium on Linux; for Firefox use its profile dir)",
                List.of("certutil", "-D", "-d", db, "-n", NSS_NICKNAME))
                : new Step("add to the NSS store (Chrome/Chromium on Linux; for Firefox use its profile dir, or set "
                + "security.enterprise_roots.enabled)", List.of("certutil", "-A", "-d", db, "-t", "C,,", "-n",
                NSS_NICKNAME, "-i", cert.toString())));
    }
}
