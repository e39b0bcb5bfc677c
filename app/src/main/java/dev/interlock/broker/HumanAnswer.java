package dev.interlock.broker;

import java.util.Objects;

/**
 * A human's answer to a pending approval.
 *
 * @param allow       yes or no
 * @param grant       what a yes covers ({@link Grant#ONCE} by default); ignored for a no
 * @param typedTarget what the human typed to confirm a critical action (must equal the decision's target)
 * @param surface     where it was answered: {@code popup} or {@code terminal}
 */
public record HumanAnswer(boolean allow, Grant grant, String typedTarget, String surface) {
    public HumanAnswer {
        Objects.requireNonNull(surface, "surface");
        grant = grant == null ? Grant.ONCE : grant;
    }

    public static HumanAnswer deny(String surface) {
        return new HumanAnswer(false, Grant.ONCE, null, surface);
    }

    public static HumanAnswer allowOnce(String surface, String typedTarget) {
        return new HumanAnswer(true, Grant.ONCE, typedTarget, surface);
    }
}
