package dev.interlock.policy.packs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.policy.Pack;
import dev.interlock.policy.PackException;
import dev.interlock.policy.PackTester;
import dev.interlock.policy.Policies;
import dev.interlock.policy.Rule;
import dev.interlock.secrets.DetectorTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every bundled pack loads, follows the format's conventions, and every example of every rule passes. */
class BundledPacksTest {

    private static List<Path> packFiles() throws IOException {
        try (Stream<Path> s = Files.list(Policies.bundledPacksDir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void theBundledPacksDirectoryHasTheCorePacks() throws IOException {
        List<String> names = packFiles().stream().map(p -> p.getFileName().toString()).toList();
        for (String core : List.of("git.yaml", "kubernetes.yaml", "terraform.yaml", "docker.yaml")) {
            assertTrue(names.contains(core), () -> core + " missing from " + names);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleOfEveryBundledPackPasses() throws IOException {
        return packFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Pack pack = Policies.loader().load(file);
            PackTester.Report report = PackTester.test(pack);
            assertTrue(report.passed(), () -> String.join("\n",
                    report.failures().stream().map(PackTester.Failure::describe).toList()));
            List<String> detectorFailures = DetectorTester.test(pack);
            assertTrue(detectorFailures.isEmpty(), () -> String.join("\n", detectorFailures));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRuleExplainsItselfAndCitesReferences() throws IOException {
        return packFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Pack pack = Policies.loader().load(file);
            if (pack.rules().isEmpty()) {
                return;
            }
            assertFalse(pack.references().isEmpty(), () -> file + ": a pack with rules lists its references");
            for (Rule r : pack.rules()) {
                assertTrue(r.explain().length() >= 20, () -> r.qualifiedId() + ": explanation too short to help");
                assertTrue(r.examples().match().size() >= 2, () -> r.qualifiedId() + ": needs two match examples");
                assertFalse(r.examples().noMatch().isEmpty(), () -> r.qualifiedId() + ": needs a near-miss");
            }
        }));
    }

    @Test
    void allBundledPacksLoadTogetherWithUniqueNames() throws PackException, IOException {
        List<Pack> packs = Policies.loadDirectory(Policies.bundledPacksDir());
        assertEquals(packFiles().size(), packs.size());
        assertEquals(packs.size(), packs.stream().map(Pack::name).distinct().count());
    }
}
