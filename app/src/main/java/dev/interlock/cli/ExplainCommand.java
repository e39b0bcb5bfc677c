package dev.interlock.cli;

import dev.interlock.action.Action;
import dev.interlock.policy.Explanation;
import dev.interlock.policy.PolicyEngine;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code interlock explain}: how a command or request was parsed and which rules were considered. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show how Interlock parses a command or request: the simple commands found, "
                + "the unwrapping steps, and which rules were considered.")
public final class ExplainCommand implements Callable<Integer> {
    @Mixin
    ActionOptions action;

    @Override
    public Integer call() throws IOException {
        Optional<PolicyEngine> loaded = EngineLoader.loadOrReport();
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE;
        }
        PolicyEngine engine = loaded.get();
        Action a;
        try {
            a = action.toAction();
        } catch (IllegalArgumentException e) {
            System.err.println("interlock explain: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Explanation ex = engine.explain(a);
        System.out.println("input (" + a.kind() + "): " + Safe.visible(a.summary()));
        if (!ex.steps().isEmpty()) {
            System.out.println("steps:");
            ex.steps().forEach(s -> System.out.println("  - " + Safe.visible(s)));
        }
        System.out.println("subjects: " + ex.subjects().size());
        int i = 1;
        for (Explanation.SubjectTrace t : ex.subjects()) {
            System.out.println("  " + i++ + ". [" + t.type() + "] " + Safe.visible(t.description()));
            System.out.println("     rules considered: " + (t.considered().isEmpty() ? "none" : String.join(", ", t.considered())));
            if (!t.matched().isEmpty()) {
                System.out.println("     matched: " + String.join(", ", t.matched()));
            }
        }
        System.out.println();
        new DecisionPrinter(System.out, DecisionPrinter.wantsColor()).print(a, ex.decision());
        return ex.decision().verdict().exitCode();
    }
}
