package dev.interlock.cli;

import dev.interlock.config.DataDir;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import java.util.Set;

/** Loads the engine the way every command sees it: bundled packs plus the user's packs. */
final class EngineLoader {
    private EngineLoader() {
    }

    static PolicyEngine load() throws PackException {
        return Policies.engine(Policies.loadAll(DataDir.resolve().packs()), Set.of());
    }
}
