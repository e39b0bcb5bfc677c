package dev.interlock.broker;

import dev.interlock.action.Action;
import dev.interlock.action.Origin;

/**
 * The single entry point of the spine (ARCHITECTURE.md §1): policy, correlation, broker, audit. Every sensor
 * (hooks, shims, proxy, watcher) calls this and nothing else; a sensor never decides on its own and never
 * writes the audit log itself.
 */
public interface Guard {

    /**
     * Decides an action. Blocks while a human is asked, at most until the approval's deadline (expiry denies).
     * Never throws for a bad action: it fails closed with a deny or ask resolution.
     */
    Resolution decide(Action action, Origin origin);
}
