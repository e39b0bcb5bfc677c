package dev.interlock.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.FileAccess;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackLoaderTest {
    private static final String GOOD = """
            pack: demo
            title: Demo
            rules:
              - id: aws-creds
                severity: high
                verdict: ask
                explain: Reads AWS credentials.
                when:
                  - file: {modes: [read], paths: ["/home/*/.aws/credentials"]}
                examples:
                  match:
                    - file: {path: /home/a/.aws/credentials}
                    - file: {path: ../../b/.aws/credentials, cwd: /home/x/y}
                  no_match:
                    - file: {path: /home/a/.aws/config}
            """;

    private static Pack load(String yaml) throws PackException {
        return Policies.loader().load(new StringReader(yaml), "demo.yaml", "demo");
    }

    @Test
    void loadsAGoodPackAndItsExamplesPass() throws PackException {
        Pack p = load(GOOD);
        assertEquals(1, p.rules().size());
        PackTester.Report r = PackTester.test(p);
        assertEquals(3, r.examples());
        assertTrue(r.passed(), () -> r.failures().toString());
    }

    @Test
    void anUnknownKeyNamesFileLineAndRule() {
        PackException e = assertThrows(PackException.class, () -> load(GOOD.replace("    explain:", "    explian: x\n    explain:")));
        assertEquals("demo.yaml", e.file());
        assertEquals(7, e.line());
        assertEquals("aws-creds", e.ruleId());
        assertTrue(e.getMessage().contains("unknown key 'explian'"), e.getMessage());
    }

    @Test
    void aRuleWithoutEnoughExamplesDoesNotLoad() {
        String one = GOOD.replace("        - file: {path: ../../b/.aws/credentials, cwd: /home/x/y}\n", "");
        PackException e = assertThrows(PackException.class, () -> load(one));
        assertTrue(e.getMessage().contains("at least two"), e.getMessage());
        assertEquals("aws-creds", e.ruleId());
    }

    @Test
    void aBadMatcherNamesTheLine() {
        PackException e = assertThrows(PackException.class, () -> load(GOOD.replace("- file:", "- flie:")));
        assertTrue(e.getMessage().startsWith("demo.yaml:9: rule 'aws-creds': unknown matcher 'flie'"), e.getMessage());
    }

    @Test
    void aBadSeverityIsNamed() {
        PackException e = assertThrows(PackException.class, () -> load(GOOD.replace("severity: high", "severity: huge")));
        assertTrue(e.getMessage().contains("'huge' is not one of: low, medium, high, critical"), e.getMessage());
    }

    @Test
    void aFailingExampleIsReported() throws PackException {
        Pack p = load(GOOD.replace("{path: /home/a/.aws/config}", "{path: /home/a/.aws/credentials}"));
        PackTester.Report r = PackTester.test(p);
        assertEquals(1, r.failures().size());
        assertTrue(r.failures().get(0).describe().contains("matched its no_match example"));
    }

    @Test
    void engineAppliesTheRuleAndAnAllowExceptionSilencesAskBelowCritical() throws PackException {
        Pack p = load(GOOD);
        PolicyEngine engine = Policies.engine(List.of(p), Set.of());
        Decision d = engine.evaluate(new FileAccess("/home/a/.aws/credentials", FileAccess.Mode.READ));
        assertEquals(Verdict.ASK, d.verdict());
        assertEquals(Severity.HIGH, d.severity());
        assertEquals("demo/aws-creds", d.primary().orElseThrow().qualifiedId());
        assertEquals(Verdict.ALLOW, engine.evaluate(new FileAccess("/home/a/.aws/config", FileAccess.Mode.READ)).verdict());
        PolicyEngine off = Policies.engine(List.of(p), Set.of("demo/aws-creds"));
        assertEquals(Verdict.ALLOW, off.evaluate(new FileAccess("/home/a/.aws/credentials", FileAccess.Mode.READ)).verdict());
    }
}
