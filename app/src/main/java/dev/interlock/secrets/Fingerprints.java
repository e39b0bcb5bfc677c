package dev.interlock.secrets;

import dev.interlock.config.DataDir;
import dev.interlock.config.InstallKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed fingerprints of secrets: HMAC-SHA256 under a key derived from the per-install key, so the audit log,
 * the scan report and the session memory all recognise the same secret again without ever holding it, and a
 * stolen log cannot be brute-forced offline without the key. The one fingerprint function of Interlock.
 */
public final class Fingerprints {
    static final String PURPOSE = "interlock/secret-fingerprint/v1";
    private final byte[] key;

    public Fingerprints(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("fingerprint key too short");
        }
        this.key = key.clone();
    }

    /** Fingerprints under this installation's key ({@code install.key}, created 0600 on first use). */
    public static Fingerprints forInstall(DataDir dir) throws IOException {
        return fromInstallKey(InstallKey.load(dir));
    }

    public static Fingerprints fromInstallKey(byte[] installKey) {
        return new Fingerprints(InstallKey.derive(installKey, PURPOSE));
    }

    /** 12 hex digits of the HMAC: short enough to show, long enough not to collide in one install. */
    public String of(String secret) {
        byte[] h = macs.get().doFinal(secret.getBytes(StandardCharsets.UTF_8)); // doFinal leaves the Mac ready again
        return HexFormat.of().formatHex(h, 0, 6);
    }

    /** One keyed Mac per thread: looking up the provider and keying it cost more than the HMAC of a token. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
