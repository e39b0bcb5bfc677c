package dev.interlock.cli;

import dev.interlock.broker.Guard;
import dev.interlock.broker.Resolution;
import dev.interlock.config.DataDir;
import dev.interlock.config.Settings;
import dev.interlock.hooks.OfflineGuard;
import dev.interlock.policy.Decision;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.Verdict;
import java.util.Optional;

/**
 * Loads the engine the way every command sees it: bundled packs plus the user's packs, minus what the user
 * switched off in settings (the same policy the running service applies).
 */
final class EngineLoader {
    private EngineLoader() {
    }

    static PolicyEngine load() throws PackException {
        DataDir dir = DataDir.resolve();
        Settings settings = Settings.load(dir).settings();
        return Policies.engine(Policies.loadAll(dir.packs()), settings.disabled());
    }

    /** The engine, or empty after telling the user on stderr why the packs do not load. */
    static Optional<PolicyEngine> loadOrReport() {
        try {
            return Optional.of(load());
        } catch (PackException e) {
            System.err.println("interlock: cannot load policy packs: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The policy evaluated in this process when the service is not running: fails closed, and denies everything
     * when the packs themselves do not load.
     */
    static Guard offlineGuard(String why) {
        try {
            return new OfflineGuard(load(), why);
        } catch (PackException e) {
            String reason = "Interlock's policy packs do not load (" + e.getMessage() + "); fix them or start Interlock.";
            return (action, origin) -> new Resolution(Verdict.DENY, Decision.allow(), "offline", null, null, reason);
        }
    }
}
