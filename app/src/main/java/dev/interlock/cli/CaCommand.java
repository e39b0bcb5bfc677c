package dev.interlock.cli;

import dev.interlock.config.DataDir;
import dev.interlock.proxy.CaInstaller;
import dev.interlock.proxy.LocalCa;
import dev.interlock.proxy.TrustBundle;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code interlock ca path|show|install|uninstall}: Interlock's local certificate authority. */
@Command(name = "ca", mixinStandardHelpOptions = true,
        description = "Interlock's local certificate authority, used only for the hosts the proxy inspects.",
        subcommands = {CaCommand.PathCmd.class, CaCommand.ShowCmd.class, CaCommand.InstallCmd.class,
                CaCommand.UninstallCmd.class})
public final class CaCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static LocalCa ca() throws IOException {
        LocalCa ca = LocalCa.loadOrCreate(DataDir.resolve());
        TrustBundle.write(ca);
        return ca;
    }

    @Command(name = "path", mixinStandardHelpOptions = true,
            description = "Print the CA certificate's path (creating the CA on first use).")
    static final class PathCmd implements Callable<Integer> {
        @Option(names = "--bundle", description = "the combined bundle (system roots + Interlock's CA) instead")
        boolean bundle;

        @Option(names = "--java", description = "the Java PKCS12 trust store (system roots + Interlock's CA) instead")
        boolean java;

        @Override
        public Integer call() {
            try {
                LocalCa ca = ca();
                System.out.println(bundle ? TrustBundle.pemFile(ca.directory())
                        : java ? TrustBundle.javaFile(ca.directory()) : ca.certificateFile());
                return ExitCodes.OK;
            } catch (IOException e) {
                System.err.println("interlock: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the CA certificate.")
    static final class ShowCmd implements Callable<Integer> {
        @Option(names = "--pem", description = "print the certificate itself (PEM)")
        boolean pem;

        @Override
        public Integer call() {
            try {
                LocalCa ca = ca();
                X509Certificate c = ca.certificate();
                if (pem) {
                    System.out.print(java.nio.file.Files.readString(ca.certificateFile()));
                    return ExitCodes.OK;
                }
                System.out.println("subject:     " + c.getSubjectX500Principal().getName());
                System.out.println("valid:       " + c.getNotBefore().toInstant() + " .. " + c.getNotAfter().toInstant());
                System.out.println("sha256:      " + ca.fingerprint());
                System.out.println("sha1:        " + sha1(c));
                System.out.println("certificate: " + ca.certificateFile());
                System.out.println("private key: " + ca.keyFile() + " (owner-only; never share it)");
                System.out.println("bundle:      " + TrustBundle.pemFile(ca.directory()) + " (system roots + this CA)");
                System.out.println("java store:  " + TrustBundle.javaFile(ca.directory()) + " (PKCS12, password "
                        + TrustBundle.JAVA_PASSWORD + ")");
                return ExitCodes.OK;
            } catch (IOException e) {
                System.err.println("interlock: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }
    }

    static String sha1(X509Certificate c) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(c.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    abstract static class ChangeCmd implements Callable<Integer> {
        @Option(names = "--system", description = "machine-wide store (Linux: done by Interlock when run as root)")
        boolean system;

        @Option(names = "--dry-run", description = "only print the steps")
        boolean dryRun;

        abstract boolean remove();

        @Override
        public Integer call() {
            LocalCa ca;
            try {
                ca = ca();
            } catch (IOException e) {
                System.err.println("interlock: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            CaInstaller.Os os = CaInstaller.Os.current();
            String sha1 = sha1(ca.certificate());
            List<CaInstaller.Step> steps = remove() ? CaInstaller.uninstall(os, system, sha1)
                    : CaInstaller.install(os, ca.certificateFile(), system, sha1);
            boolean root = "root".equals(System.getProperty("user.name"));
            boolean run = os == CaInstaller.Os.LINUX && system && root && !dryRun;
            System.out.println("Agents started with `interlock run` or `eval \"$(interlock env)\"` already trust "
                    + "Interlock's CA; the OS store is only for other programs.");
            if (!run) {
                System.out.println(os == CaInstaller.Os.LINUX && !system
                        ? "To " + (remove() ? "remove" : "add") + " it " + (remove() ? "from" : "to")
                        + " the system store (needs root; or run `interlock ca " + (remove() ? "uninstall" : "install")
                        + " --system` as root):"
                        : "Run:");
                for (CaInstaller.Step s : steps) {
                    String prefix = os == CaInstaller.Os.LINUX && !root ? "sudo " : "";
                    System.out.println("  " + prefix + s.commandLine() + "    # " + s.what());
                }
            } else {
                for (CaInstaller.Step s : steps) {
                    System.out.println("running: " + s.commandLine());
                    try {
                        Process p = new ProcessBuilder(s.argv()).inheritIO().start();
                        int code = p.waitFor();
                        if (code != 0) {
                            System.err.println("interlock: '" + s.commandLine() + "' failed with exit code " + code);
                            return ExitCodes.FAILURE;
                        }
                    } catch (IOException e) {
                        System.err.println("interlock: cannot run " + s.argv().get(0) + ": " + e.getMessage());
                        return ExitCodes.FAILURE;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return ExitCodes.FAILURE;
                    }
                }
            }
            if (os == CaInstaller.Os.LINUX) {
                System.out.println("Firefox and Chrome on Linux use their own NSS store:");
                CaInstaller.nss(ca.certificateFile(), remove()).forEach(s ->
                        System.out.println("  " + s.commandLine() + "    # " + s.what()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Add the CA to the OS trust store (prints the exact steps unless it is unsurprising to do it).")
    static final class InstallCmd extends ChangeCmd {
        @Override
        boolean remove() {
            return false;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true, description = "Remove the CA from the OS trust store.")
    static final class UninstallCmd extends ChangeCmd {
        @Override
        boolean remove() {
            return true;
        }
    }
}
