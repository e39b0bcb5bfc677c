package dev.interlock.policy.http;

import dev.interlock.policy.Analyzer;
import dev.interlock.policy.Pack;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import java.io.StringReader;
import java.util.ArrayList;
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
        List<Analyzer> analyzers = new ArrayList<>(Policies.analyzers());
        boolean hasShell = analyzers.stream().anyMatch(a -> a.accepts(new dev.interlock.action.ShellCommand("true")));
        if (!hasShell) {
            analyzers.add(new SimpleShell());
        }
        return new PolicyEngine(packs, analyzers, Policies.derivers(), Set.of());
    }
}
