package dev.interlock.policy.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.policy.Examples;
import dev.interlock.policy.Pack;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every example of the packs this package owns (their shell examples go through the shell analyser, or the
 * test stand-in until it is merged).
 */
class PackExamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {"railway.yaml", "github.yaml"})
    void everyExampleOfThePackHolds(String file) throws Exception {
        Pack pack = Policies.loader().load(Policies.bundledPacksDir().resolve(file));
        PolicyEngine engine = Engines.withShell(List.of(pack));
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (Rule rule : pack.rules()) {
            for (Examples.Example ex : rule.examples().match()) {
                count++;
                if (engine.matchesOf(rule, ex.action()).isEmpty()) {
                    failures.add(file + ":" + ex.line() + " " + rule.id() + " did not match " + ex.action().summary());
                }
            }
            for (Examples.Example ex : rule.examples().noMatch()) {
                count++;
                if (!engine.matchesOf(rule, ex.action()).isEmpty()) {
                    failures.add(file + ":" + ex.line() + " " + rule.id() + " matched " + ex.action().summary());
                }
            }
        }
        assertTrue(count >= pack.rules().size() * 3, "too few examples");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(Path.of(pack.source()).toFile().isFile());
    }
}
