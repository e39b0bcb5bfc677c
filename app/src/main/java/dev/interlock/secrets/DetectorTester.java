package dev.interlock.secrets;

import dev.interlock.policy.Pack;
import java.util.ArrayList;
import java.util.List;

/** Runs every detector's own examples: {@code match} texts must be found, {@code no_match} texts must not. */
public final class DetectorTester {
    private DetectorTester() {
    }

    /** Failure descriptions ({@code file:line: detector 'id' …}); empty when every example passed. */
    public static List<String> test(Pack pack) {
        List<String> failures = new ArrayList<>();
        Object section = pack.sections().get(DetectorSection.KEY);
        if (!(section instanceof DetectorSection.Loaded loaded)) {
            return failures;
        }
        Fingerprints fp = new Fingerprints(new byte[32]);
        for (DetectorSection.Example ex : loaded.examples()) {
            SecretFinder alone = new SecretFinder(List.of(ex.detector()),
                    new FileHintsSection.Hints(List.of(), List.of(), List.of()), fp);
            String fileName = ex.detector().envOnly() ? ".env" : null;
            boolean found = !alone.find(ex.text(), fileName).isEmpty();
            if (found != ex.shouldMatch()) {
                failures.add(pack.source() + ":" + ex.line() + ": detector '" + ex.detector().id() + "' "
                        + (ex.shouldMatch() ? "did not find a secret in its match example" : "found a secret in its no_match example"));
            }
        }
        return failures;
    }

    public static int count(Pack pack) {
        Object section = pack.sections().get(DetectorSection.KEY);
        return section instanceof DetectorSection.Loaded loaded ? loaded.examples().size() : 0;
    }
}
