package dev.interlock.policy.shell;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Decision;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input is answered with a decision that holds the command (never allow), without hanging or
 * overflowing the stack. The preemptive timeout only guards against a hang; speed is measured in bench/.
 */
class PathologicalInputTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static PolicyEngine engine;

    @BeforeAll
    static void load() throws PackException {
        engine = Policies.bundled();
    }

    static String megabyteCommand() {
        return "echo " + "a".repeat(1_000_000) + "; rm -rf /";
    }

    static String nestedSubstitutions(int depth) {
        return "$(echo ".repeat(depth) + "x" + ")".repeat(depth);
    }

    static String manyCommands(int count) {
        return "true;".repeat(count);
    }

    private static Decision decide(String script) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> engine.evaluate(new ShellCommand(script, "/tmp")));
    }

    private static void assertHeldAsTooComplex(Decision d) {
        assertNotEquals(Verdict.ALLOW, d.verdict());
        List<String> ids = d.matches().stream().map(RuleMatch::qualifiedId).toList();
        assertTrue(ids.contains("unresolvable/too-complex") || ids.contains("interlock/too-complex"), ids.toString());
    }

    @Test
    void aOneMegabyteCommandIsTooComplex() {
        assertHeldAsTooComplex(decide(megabyteCommand()));
    }

    @Test
    void tenThousandNestedSubstitutionsAreTooComplex() {
        assertHeldAsTooComplex(decide(nestedSubstitutions(10_000)));
    }

    @Test
    void aHundredThousandCommandsAreTooComplex() {
        assertHeldAsTooComplex(decide(manyCommands(100_000)));
    }

    @Test
    void deeplyNestedShellStringsAreTooComplex() {
        String s = "ls";
        for (int i = 0; i < 12; i++) {
            s = "bash -c " + quote(s);
        }
        assertHeldAsTooComplex(decide(s));
    }

    @Test
    void longWrapperChainsAreTooComplex() {
        assertHeldAsTooComplex(decide("sudo ".repeat(5_000) + "ls"));
        assertHeldAsTooComplex(decide("a && ".repeat(2_000) + "b"));
    }

    @Test
    void dangerousCommandsEarlyInAnOversizedScriptAreStillFound() {
        Decision d = decide("rm -rf /\n" + "echo x\n".repeat(30_000));
        assertTrue(d.matches().stream().anyMatch(r -> r.qualifiedId().equals("filesystem/rm-root")), d.matches().toString());
        assertTrue(d.verdict() == Verdict.DENY);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
