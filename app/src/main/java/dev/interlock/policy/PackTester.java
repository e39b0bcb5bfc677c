package dev.interlock.policy;

import dev.interlock.action.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Runs every rule's own examples: each {@code match} must hit the rule, each {@code no_match} must not. */
public final class PackTester {
    public record Failure(String pack, String ruleId, String source, int line, String problem, String input) {
        public String describe() {
            return source + ":" + line + ": rule '" + ruleId + "' " + problem + ": " + input;
        }
    }

    public record Report(int examples, List<Failure> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private PackTester() {
    }

    public static Report test(Pack pack) {
        PolicyEngine engine = Policies.engine(List.of(pack), Set.of());
        List<Failure> failures = new ArrayList<>();
        int count = 0;
        for (Rule rule : pack.rules()) {
            for (Examples.Example ex : rule.examples().match()) {
                count++;
                check(engine, pack, rule, ex, true, failures);
            }
            for (Examples.Example ex : rule.examples().noMatch()) {
                count++;
                check(engine, pack, rule, ex, false, failures);
            }
        }
        return new Report(count, failures);
    }

    private static void check(PolicyEngine engine, Pack pack, Rule rule, Examples.Example ex, boolean expectMatch,
                              List<Failure> failures) {
        Action action = ex.action();
        String problem = null;
        try {
            boolean matched = !engine.matchesOf(rule, action).isEmpty();
            if (matched != expectMatch) {
                problem = expectMatch ? "did not match its match example" : "matched its no_match example";
            }
        } catch (RuntimeException e) {
            problem = "failed on its example with " + e;
        }
        if (problem != null) {
            failures.add(new Failure(pack.name(), rule.id(), pack.source(), ex.line(), problem, action.summary()));
        }
    }
}
