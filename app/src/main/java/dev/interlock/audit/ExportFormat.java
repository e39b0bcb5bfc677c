package dev.interlock.audit;

import java.util.Locale;

/** Export formats of {@code interlock audit export}. */
public enum ExportFormat {
    JSONL, CSV;

    public static ExportFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + s + "': use jsonl or csv");
        }
    }
}
