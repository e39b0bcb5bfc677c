package dev.interlock.broker;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Single-use confirmation tokens. A human approval of an action whose caller did not wait for it mints one,
 * HMAC-signed over {@code id | agent | action hash | expiry}; when the agent retries the identical action the
 * token lets it through once. Any change to the action changes its hash, so the token no longer applies.
 */
public final class ConfirmationTokens {
    /** A minted token: its id (shown in the audit log) and its signed text. */
    public record Token(String id, String agent, String actionHash, Instant expires, String signed) {
    }

    private final byte[] key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> byAction = new ConcurrentHashMap<>();

    public ConfirmationTokens(byte[] key, Clock clock) {
        this.key = key.clone();
        this.clock = clock;
    }

    public Token mint(String agent, String actionHash, Duration ttl) {
        byte[] idBytes = new byte[9];
        random.nextBytes(idBytes);
        String id = "t-" + Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
        Instant expires = clock.instant().plus(ttl);
        String payload = id + "|" + agent + "|" + actionHash + "|" + expires.toEpochMilli();
        Token t = new Token(id, agent, actionHash, expires, payload + "|" + sign(payload));
        byAction.put(agent + "|" + actionHash, t);
        return t;
    }

    /** Consumes the token for this exact action, if a valid one exists; returns its id. */
    public Optional<String> consume(String agent, String actionHash) {
        Token t = byAction.remove(agent + "|" + actionHash);
        if (t == null) {
            return Optional.empty();
        }
        return verify(t.signed(), agent, actionHash) ? Optional.of(t.id()) : Optional.empty();
    }

    /** True when {@code signed} is authentic, unexpired and bound to this agent and action hash. */
    public boolean verify(String signed, String agent, String actionHash) {
        int cut = signed.lastIndexOf('|');
        if (cut < 0) {
            return false;
        }
        String payload = signed.substring(0, cut);
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                signed.substring(cut + 1).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 4 || !parts[1].equals(agent) || !parts[2].equals(actionHash)) {
            return false;
        }
        try {
            return clock.millis() < Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
