package dev.interlock.policy;

import java.util.Locale;

/**
 * How bad the loss would be. critical: irreversible loss of data or infrastructure; high: hard to undo;
 * medium: bounded loss; low: noisy but harmless.
 */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public static Severity parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Severity max(Severity other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public boolean atLeast(Severity other) {
        return ordinal() >= other.ordinal();
    }
}
