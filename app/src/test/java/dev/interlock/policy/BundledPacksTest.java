package dev.interlock.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every bundled pack loads, and every example of every rule passes (match hits, no_match does not). */
class BundledPacksTest {

    @Test
    void everyBundledPackPassesItsOwnExamples() throws PackException {
        List<Pack> packs = Policies.loadDirectory(Policies.bundledPacksDir());
        assertFalse(packs.isEmpty(), "no packs found in " + Policies.bundledPacksDir().toAbsolutePath());
        StringBuilder failures = new StringBuilder();
        int examples = 0;
        for (Pack pack : packs) {
            PackTester.Report report = PackTester.test(pack);
            examples += report.examples();
            if (!report.passed()) {
                failures.append(report.failures().stream().map(PackTester.Failure::describe)
                        .collect(Collectors.joining("\n", "", "\n")));
            }
        }
        assertEquals("", failures.toString(), "pack example failures (" + examples + " examples run)");
    }
}
