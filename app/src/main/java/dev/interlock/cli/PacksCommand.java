package dev.interlock.cli;

import dev.interlock.policy.Pack;
import dev.interlock.policy.PolicyEngine;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code interlock packs}: the loaded packs with their rule counts. */
@Command(name = "packs", mixinStandardHelpOptions = true, description = "List the loaded policy packs.")
public final class PacksCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Optional<PolicyEngine> loaded = EngineLoader.loadOrReport();
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE;
        }
        PolicyEngine engine = loaded.get();
        int total = 0;
        System.out.printf("%-16s %6s  %s%n", "PACK", "RULES", "TITLE");
        for (Pack p : engine.packs()) {
            total += p.rules().size();
            System.out.printf("%-16s %6d  %s%s%n", p.name(), p.rules().size(), p.title(), p.locked() ? " (locked)" : "");
        }
        System.out.printf("%d packs, %d rules%n", engine.packs().size(), total);
        return ExitCodes.OK;
    }
}
