package dev.interlock.policy;

/**
 * A matcher's positive answer: where in the input it matched, and the target's name where it can tell.
 *
 * @param span   matched part of the input (never {@code null})
 * @param target name of what would be destroyed, or {@code null}
 * @param note   replaces the rule's explanation for this hit when the matcher hit for another reason than the
 *               rule describes (e.g. "cannot parse the GraphQL document, so it cannot rule out volumeDelete"),
 *               or {@code null}
 */
public record Hit(Span span, String target, String note) {
    public Hit {
        java.util.Objects.requireNonNull(span, "span");
    }

    public Hit(Span span, String target) {
        this(span, target, null);
    }
}
