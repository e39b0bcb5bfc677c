package dev.interlock.broker;

import dev.interlock.policy.Decision;
import dev.interlock.policy.Verdict;
import java.time.Duration;
import java.util.Objects;

/**
 * The final answer for one action, after the broker.
 *
 * @param verdict    {@code allow} or {@code deny} (an ask is always resolved into one of them), or {@code ask}
 *                   only where a sensor asked not to wait ("denied: awaiting approval <id>" style)
 * @param decision   what the policy said
 * @param decidedBy  {@code policy}, {@code human:popup}, {@code human:terminal}, {@code grant:<id>},
 *                   {@code token}, {@code timeout}, {@code killswitch}, {@code offline}
 * @param waited     how long the action was held
 * @param approvalId the pending approval's id when a human was (or is being) asked, else {@code null}
 * @param reason     the text the agent reads (why it was denied, how to get it approved)
 */
public record Resolution(Verdict verdict, Decision decision, String decidedBy, Duration waited, String approvalId,
                         String reason) {
    public Resolution {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(decidedBy, "decidedBy");
        waited = waited == null ? Duration.ZERO : waited;
        reason = reason == null ? "" : reason;
    }

    public boolean allowed() {
        return verdict == Verdict.ALLOW;
    }
}
