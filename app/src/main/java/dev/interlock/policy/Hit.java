package dev.interlock.policy;

/**
 * A matcher's positive answer: where in the input it matched, and the target's name where it can tell.
 *
 * @param span   matched part of the input (never {@code null})
 * @param target name of what would be destroyed, or {@code null}
 */
public record Hit(Span span, String target) {
    public Hit {
        java.util.Objects.requireNonNull(span, "span");
    }
}
