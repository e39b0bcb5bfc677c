package dev.interlock.secrets;

import dev.interlock.config.DataDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed fingerprints of secrets: HMAC-SHA256 under a random per-install key, so the audit log and the session
 * memory can recognise the same secret again without ever holding it, and a stolen log cannot be brute-forced
 * offline without the key.
 */
public final class Fingerprints {
    private final byte[] key;

    public Fingerprints(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("fingerprint key too short");
        }
        this.key = key.clone();
    }

    /** Loads the per-install key from {@code <data>/run/fingerprint.key}, creating it (0600) on first use. */
    public static Fingerprints forInstall(DataDir dir) throws IOException {
        Path file = dir.run().resolve("fingerprint.key");
        if (Files.isRegularFile(file)) {
            byte[] k = HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).trim());
            return new Fingerprints(k);
        }
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        DataDir.writePrivate(file, HexFormat.of().formatHex(k).getBytes(StandardCharsets.US_ASCII));
        return new Fingerprints(k);
    }

    /** {@code fp:} and the first 16 hex digits of the HMAC: short enough to show, long enough not to collide. */
    public String of(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return "fp:" + HexFormat.of().formatHex(h, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
