package dev.interlock.policy.http;

import dev.interlock.policy.Pack;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import java.io.StringReader;
import java.util.List;
import java.util.Set;

/** Engines over the real bundled packs (or a pack given inline), with the shell stand-in when needed. */
final class Engines {
    private Engines() {
    }

    static PolicyEngine bundled() throws PackException {
        return withShell(Policies.loadDirectory(Policies.bundledPacksDir()));
    }

    static PolicyEngine of(String yaml) throws PackException {
        Pack p = Policies.loader().load(new StringReader(yaml), "test.yaml", "test");
        return withShell(List.of(p));
    }

    static PolicyEngine withShell(List<Pack> packs) {
        return Policies.engine(packs, Set.of());
    }
}
