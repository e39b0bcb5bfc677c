package dev.interlock.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Where Interlock keeps its data. {@code INTERLOCK_HOME} (environment) or {@code -Dinterlock.home} overrides
 * the per-OS default (XDG data dir on Linux, Application Support on macOS, %APPDATA% on Windows). This is a
 * contract: tests and second profiles rely on it.
 *
 * <pre>
 * interlock.db      audit log (SQLite, WAL)
 * settings.json     user settings
 * packs/            the user's own packs (user.yaml holds "always" grants)
 * ca/               local CA (key 0600)
 * run/              endpoint + per-install hook credential (0600)
 * logs/             the service's warnings (ServiceLog: interlock-0.log is the newest)
 * </pre>
 */
public record DataDir(Path root) {

    public static DataDir resolve() {
        String prop = System.getProperty("interlock.home");
        if (prop != null && !prop.isBlank()) {
            return new DataDir(Path.of(prop).toAbsolutePath());
        }
        String env = System.getenv("INTERLOCK_HOME");
        if (env != null && !env.isBlank()) {
            return new DataDir(Path.of(env).toAbsolutePath());
        }
        return new DataDir(defaultRoot());
    }

    static Path defaultRoot() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Interlock");
        }
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return Path.of(appData != null ? appData : home, "Interlock");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return Path.of(xdg != null && !xdg.isBlank() ? xdg : home + "/.local/share", "interlock");
    }

    public Path database() {
        return root.resolve("interlock.db");
    }

    public Path settings() {
        return root.resolve("settings.json");
    }

    public Path packs() {
        return root.resolve("packs");
    }

    public Path ca() {
        return root.resolve("ca");
    }

    public Path run() {
        return root.resolve("run");
    }

    /** Creates the directory (and parents) if needed, owner-only where the file system supports it. */
    public static Path ensurePrivateDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the per-user profile directory already restricts access
        }
        return dir;
    }

    /** Writes a file readable only by its owner (0600 where supported), replacing it atomically. */
    public static void writePrivate(Path file, byte[] content) throws IOException {
        ensurePrivateDir(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".tmp-", "");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // see ensurePrivateDir
            }
            Files.write(tmp, content);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
