package dev.interlock.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * A random per-install secret ({@code install.key} in the data directory, 0600), created on first use. It keys
 * the fingerprints of masked secrets and signs confirmation tokens; use {@link #derive} for a purpose-specific
 * key so one use never doubles as another.
 */
public final class InstallKey {
    private static final int BYTES = 32;

    private InstallKey() {
    }

    public static Path file(DataDir dir) {
        return dir.root().resolve("install.key");
    }

    /** Reads the key, creating it (0600) when it does not exist yet. */
    public static synchronized byte[] load(DataDir dir) throws IOException {
        Path f = file(dir);
        if (Files.exists(f)) {
            byte[] k = Files.readAllBytes(f);
            if (k.length != BYTES) {
                throw new IOException(f + ": expected a " + BYTES + "-byte key, found " + k.length
                        + " bytes; move the file away to create a new key (old fingerprints will no longer match)");
            }
            return k;
        }
        byte[] k = new byte[BYTES];
        new SecureRandom().nextBytes(k);
        DataDir.writePrivate(f, k);
        return k;
    }

    /** HMAC-SHA256(key, purpose): a separate key per use. */
    public static byte[] derive(byte[] key, String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
