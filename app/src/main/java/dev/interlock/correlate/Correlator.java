package dev.interlock.correlate;

import dev.interlock.action.Action;
import dev.interlock.action.HttpCall;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;
import dev.interlock.policy.Decision;

/**
 * Per-session memory between the policy and the broker (ARCHITECTURE.md §1): which secrets an agent has read
 * and where, which environments it has touched. It may add notes, an environment, or escalate a decision; it
 * never lowers one.
 */
public interface Correlator {

    /** Adds what the session's history says about this action (provenance of credentials, environment). */
    Decision assess(Action action, Origin origin, Decision decision);

    /** Remembers what the action did once resolved (a read of a secret file, a target touched). */
    void observe(Action action, Origin origin, Resolution resolution);

    /** Learns from a read-only response the proxy inspected (e.g. ids and their environment names). */
    default void observeResponse(HttpCall request, int status, String body, Origin origin) {
    }

    Correlator NONE = new Correlator() {
        @Override
        public Decision assess(Action action, Origin origin, Decision decision) {
            return decision;
        }

        @Override
        public void observe(Action action, Origin origin, Resolution resolution) {
        }
    };
}
