package dev.interlock.correlate;

import java.time.Instant;

/**
 * Where an agent session saw a secret: which file (and line), what kind, when. Only the fingerprint of the
 * secret is kept.
 */
public record SecretSighting(String fingerprint, String provider, String kind, String file, int line, Instant seen,
                             boolean insideWorkspace) {
    /** "a Railway API token", "a secret". */
    public String what() {
        String p = provider.equals("any") || provider.isBlank() ? "" : provider + " ";
        String article = "aeiouAEIOU".indexOf((p + kind).charAt(0)) >= 0 ? "an " : "a ";
        return article + p + kind;
    }
}
