package dev.interlock.policy;

import java.util.Locale;

/** What should happen to an action. Ordered from most to least permissive: a stricter verdict always wins. */
public enum Verdict {
    ALLOW, ASK, DENY;

    public static Verdict parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Verdict stricter(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** Process exit code used by {@code interlock check}: 0 allow, 3 ask, 4 deny. */
    public int exitCode() {
        return switch (this) {
            case ALLOW -> 0;
            case ASK -> 3;
            case DENY -> 4;
        };
    }
}
