package dev.interlock.policy;

import java.util.Objects;

/**
 * One rule that matched an action.
 *
 * @param pack     the pack's name (file name without {@code .yaml})
 * @param ruleId   the rule's id inside the pack
 * @param severity the rule's severity
 * @param verdict  the rule's verdict
 * @param explain  plain-language explanation shown to the human
 * @param span     the part of the input that matched
 * @param target   the name of what would be destroyed (volume id, database, branch…) where the rule can tell;
 *                 a human must type it to approve a critical action. {@code null} when unknown.
 */
public record RuleMatch(String pack, String ruleId, Severity severity, Verdict verdict, String explain, Span span,
                        String target) {
    public RuleMatch {
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(explain, "explain");
    }

    /** {@code pack/ruleId}, the name a user sees and types. */
    public String qualifiedId() {
        return pack + "/" + ruleId;
    }
}
