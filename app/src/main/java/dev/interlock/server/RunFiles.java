package dev.interlock.server;

import dev.interlock.config.DataDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.OptionalInt;

/**
 * The data directory's {@code run/} files (contract for the hook client and the CLI), all mode 0600:
 * <pre>
 * run/endpoint      the control API's port on 127.0.0.1, as decimal text (present while the service runs)
 * run/hook-token    per-install credential of hooks and shims: submit actions, read their own resolutions
 * run/admin-token   per-install credential of the CLI and UI: approve, freeze, thaw
 * run/serve.lock    held (file lock) by the running service: single instance
 * </pre>
 */
public final class RunFiles {
    private RunFiles() {
    }

    public static Path endpoint(DataDir dir) {
        return dir.run().resolve("endpoint");
    }

    public static Path hookToken(DataDir dir) {
        return dir.run().resolve("hook-token");
    }

    public static Path adminToken(DataDir dir) {
        return dir.run().resolve("admin-token");
    }

    public static Path lock(DataDir dir) {
        return dir.run().resolve("serve.lock");
    }

    /** Reads a credential, creating a random one (0600) the first time. */
    public static String ensureToken(Path file) throws IOException {
        if (Files.exists(file)) {
            String t = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (t.length() >= 32) {
                return t;
            }
        }
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        String t = HexFormat.of().formatHex(b);
        DataDir.writePrivate(file, (t + "\n").getBytes(StandardCharsets.US_ASCII));
        return t;
    }

    /** Reads a credential, or null when it does not exist. */
    public static String readToken(Path file) throws IOException {
        try {
            String t = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return t.isEmpty() ? null : t;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    public static void writeEndpoint(DataDir dir, int port) throws IOException {
        DataDir.writePrivate(endpoint(dir), (port + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    public static OptionalInt readEndpoint(DataDir dir) {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(endpoint(dir), StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
