package dev.interlock.hooks;

import dev.interlock.action.Action;
import dev.interlock.action.Origin;
import dev.interlock.broker.Guard;
import dev.interlock.broker.Resolution;
import dev.interlock.policy.Decision;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.Verdict;

/**
 * The guard the hook uses when the Interlock service cannot be reached: the policy alone, with nobody to ask. Allow
 * stays allow and deny stays deny; an ask becomes an {@code ask} resolution decided by {@code offline}, which each
 * adapter turns into its agent's native ask where that agent honours one, and into a deny (telling the user to
 * start Interlock) everywhere else.
 */
public final class OfflineGuard implements Guard {
    private final PolicyEngine engine;
    private final String why;

    /** @param why what went wrong reaching the service, shown to the user (e.g. "no endpoint file") */
    public OfflineGuard(PolicyEngine engine, String why) {
        this.engine = engine;
        this.why = why;
    }

    @Override
    public Resolution decide(Action action, Origin origin) {
        Decision d;
        try {
            d = engine.evaluate(action);
        } catch (RuntimeException e) {
            return new Resolution(Verdict.DENY, Decision.allow().withNote("policy failed: " + e), "offline", null, null,
                    "Interlock could not evaluate its policy (" + e.getMessage() + "). " + ReplyText.START_HINT);
        }
        String reason = ReplyText.START_HINT + (why == null || why.isBlank() ? "" : " (" + why + ")");
        return switch (d.verdict()) {
            case ALLOW -> new Resolution(Verdict.ALLOW, d, "policy", null, null, "");
            case ASK -> new Resolution(Verdict.ASK, d, "offline", null, null, reason);
            case DENY -> new Resolution(Verdict.DENY, d, "policy", null, null, "");
        };
    }
}
