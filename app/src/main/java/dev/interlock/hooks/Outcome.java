package dev.interlock.hooks;

import dev.interlock.broker.Resolution;
import dev.interlock.policy.Verdict;

/**
 * What an adapter has to say, boiled down from a resolution. A plain policy "allow" (no rule matched) is only
 * "no objection": the agent's own permission prompts still apply. Only a human (or a grant/token a human gave)
 * makes Interlock tell an agent to skip its own prompt.
 */
enum Outcome {
    NO_OBJECTION, APPROVED, ASK, DENY;

    static Outcome of(Resolution r) {
        if (r.verdict() == Verdict.DENY) {
            return DENY;
        }
        if (r.verdict() == Verdict.ASK) {
            return ASK;
        }
        String by = r.decidedBy();
        return by.startsWith("human") || by.startsWith("grant") || by.equals("token") ? APPROVED : NO_OBJECTION;
    }
}
