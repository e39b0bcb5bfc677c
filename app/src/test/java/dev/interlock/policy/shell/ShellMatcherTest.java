package dev.interlock.policy.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Hit;
import dev.interlock.policy.Matcher;
import dev.interlock.policy.Pack;
import dev.interlock.policy.PackTester;
import dev.interlock.policy.Rule;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Policies;
import dev.interlock.policy.YNode;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shell: and construct: matchers as specified in policy-packs/README.md. */
class ShellMatcherTest {

    private static Matcher matcher(String yaml) throws PackException {
        return Policies.matchers().compile(YNode.parse(yaml, "test.yaml"));
    }

    /** True when the matcher hits any subject of the script (cwd /home/dev/project). */
    private static Optional<Hit> hit(String yaml, String script) throws PackException {
        Matcher m = matcher(yaml);
        Analysis a = Analysis.of(script);
        return a.subjects.stream().filter(s -> s.type().equals(m.subjectType())).map(m::match)
                .filter(Optional::isPresent).map(Optional::get).findFirst();
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            {command: kubectl, subcommand: [delete, pod]} => kubectl -n prod delete pod x => true
            {command: kubectl, subcommand: [delete, pod]} => kubectl --namespace=prod --context c delete pod x => true
            {command: kubectl, subcommand: [delete, pod]} => kubectl -nprod delete pod x => true
            {command: kubectl, subcommand: [delete, pod]} => kubectl get pod x => false
            {command: kubectl, subcommand: [delete, "pod|pods|po"]} => kubectl delete po x => true
            {command: git, subcommand: [push]} => git -C repo -c a=b push origin main => true
            {command: git, subcommand: [push], args_any: ["^main$"]} => git push -o ci.skip origin main => true
            {command: git, subcommand: [commit], args_any: ["^x$"]} => git commit -m x => false
            {command: docker, subcommand: [compose, down]} => docker compose -f dc.yml -p p down -v => true
            {command: helm, subcommand: [uninstall]} => helm -n prod uninstall web => true
            {command: aws, subcommand: [s3, rb]} => aws --profile prod --region eu-west-1 s3 rb s3://b => true
            {command: terraform, subcommand: [destroy]} => terraform -chdir=infra destroy -auto-approve => true
            {command: railway, subcommand: [volume, delete], value_flags: [--volume]} => railway volume --volume v delete => true
            {command: "*", subcommand: [x]} => y x => false
            {command: rm, flags_all: [-r, -f]} => rm -rf x => true
            {command: rm, flags_all: [-r, -f]} => rm -r -f x => true
            {command: rm, flags_all: [-r, -f]} => rm --recursive --force x => false
            {command: rm, flags_any: [--recursive]} => rm --recursive=yes x => true
            {command: rm, flags_none: [-i]} => rm -rfi x => false
            {command: rm, flags_any: [-f]} => rm -- -f => false
            {command: find, flags_any: [-delete]} => find . -name '*.o' -delete => true
            {command: find, args_all: ["^\\\\.$"]} => find . -name x -delete => true
            {command: find, args_any: ["^rm$"]} => find . -exec rm {} ; => false
            {command: truncate, flag_values: {-s: "^0$"}} => truncate -s 0 f => true
            {command: truncate, flag_values: {-s: "^0$"}} => truncate -s0 f => true
            {command: truncate, flag_values: {--size: "^0$"}} => truncate --size=0 f => true
            {command: truncate, flag_values: {-s: "^0$"}} => truncate -s 10 f => false
            {command: truncate, flag_values: {--size|-s: "^0$"}} => truncate -s 0 f => true
            {command: truncate, flag_values: {--size|-s: "^0$"}} => truncate --size=0 f => true
            {command: truncate, flag_values: {--size|-s: "^0$"}} => truncate -s 10 f => false
            {command: truncate, flag_values: {--size|-s: "^0$"}} => truncate f => false
            {command: rm, args_none: ["^keep$"]} => rm a keep => false
            {command: rm, args_all: ["^a$", "^b$"]} => rm a b => true
            {command: rm, args_all: ["^a$"]} => rm a b => false
            {command: rm, args_all: ["^a$"]} => rm => false
            {command: rm, paths_any: [root]} => rm -rf / => true
            {command: rm, paths_any: [root]} => rm -rf /* => true
            {command: rm, paths_any: [root]} => cd / && rm -rf . => true
            {command: rm, paths_any: [home]} => rm -rf ~ => true
            {command: rm, paths_any: [home]} => rm -rf $HOME/ => true
            {command: rm, paths_any: [home]} => rm -rf ~/* => true
            {command: rm, paths_any: [home]} => rm -rf ~/x => false
            {command: rm, paths_any: [system]} => rm -rf /etc/x => true
            {command: rm, paths_any: [system]} => rm -rf ./etc/x => false
            {command: rm, paths_any: [parent]} => rm -rf .. => true
            {command: rm, paths_any: [parent]} => rm -rf ../sibling => false
            {command: rm, paths_any: [outside_cwd]} => rm -rf ../sibling => true
            {command: rm, paths_any: [outside_cwd]} => rm -rf build => false
            {command: rm, paths_any: [outside_cwd]} => cd "$D" && rm -rf build => true
            {command: rm, paths_any: [cwd]} => rm -rf * => true
            {command: rm, paths_any: [cwd]} => rm -rf . => true
            {command: rm, paths_any: [cwd]} => rm -rf ./build/* => false
            {command: rm, paths_any: [wildcard]} => rm -rf ./build/* => true
            {command: rm, paths_any: [unresolved]} => rm -rf "$DIR/" => true
            {command: rm, paths_any: [unresolved]} => D=x; rm -rf "$D/" => false
            {command: rm, paths_all: [inside_cwd]} => rm -rf a b/c => true
            {command: rm, paths_all: [inside_cwd]} => rm -rf a /b => false
            {command: psql, stdin: "(?i)drop table"} => psql <<< 'DROP TABLE x' => true
            {command: psql, stdin: "(?i)drop table"} => psql -c 'DROP TABLE x' => false
            {command: git, text: "push .*--force"} => git push origin --force => true
            {command: rm} => sudo -u x /bin/rm y => true
            """)
    void matchesAsSpecified(String spec, String script, boolean expected) throws PackException {
        assertEquals(expected, hit("shell: " + spec, script).isPresent(), spec + " on " + script + ": "
                + Analysis.of(script).describe());
    }

    @Test
    void targetsNameWhatWouldBeDestroyed() throws PackException {
        assertEquals("web", hit("shell: {command: helm, subcommand: [uninstall], target: 'arg:1'}",
                "helm -n prod uninstall web").orElseThrow().target());
        assertEquals("v1", hit("shell: {command: railway, subcommand: [volume, delete], target: 'flag:--volume'}",
                "railway volume delete --volume v1").orElseThrow().target());
        assertEquals("/dev/sdb", hit("shell: {command: mkfs.ext4, target: last}", "mkfs.ext4 -L x /dev/sdb")
                .orElseThrow().target());
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            {command: frob, subcommand: [delete], target: 'flag:--name'} => frob delete --name prod-db => prod-db
            {command: frob, subcommand: [delete], target: 'flag:--name'} => frob delete --name=prod-db => prod-db
            {command: frob, subcommand: [delete], target: 'flag:--name'} => frob --name prod-db delete => prod-db
            {command: frob, subcommand: [delete], target: 'flag:--name'} => frob delete --name prod-db --yes => prod-db
            {command: frob, subcommand: [delete], target: 'flag:-n'} => frob delete -n prod-db => prod-db
            {command: frob, subcommand: [delete], target: 'flag:-n'} => frob delete -nprod-db => prod-db
            {command: frob, subcommand: [delete, db], target: 'flag:--name'} => frob delete --name prod-db db => prod-db
            {command: frob, subcommand: [delete], target: 'flag:--name|-n'} => frob delete -n prod-db => prod-db
            {command: frob, subcommand: [delete], target: 'flag:--name|-n'} => frob -n prod-db delete => prod-db
            {command: frob, subcommand: [delete], target: 'flag:--name|-n'} => frob delete -yn prod-db => prod-db
            {command: frob, subcommand: [delete], target: 'flag:--name|-n'} => frob delete --name=prod-db => prod-db
            {command: frob, subcommand: [delete], target: 'flag:--name|-n|-g'} => frob delete -g rg => rg
            {command: frob, subcommand: [delete], flag_values: {--method|-m: '^delete$'}, target: 'flag:--url|-u'} => frob delete -m delete -u https://x/y => https://x/y
            {command: frob, subcommand: [delete], flag_values: {--method|-m: '^delete$'}, target: 'flag:--url|-u'} => frob delete --method=delete --url https://x/y => https://x/y
            """)
    void aFlagNamedAsTargetTakesAValueWithoutValueFlags(String spec, String script, String target)
            throws PackException {
        assertEquals(target, hit("shell: " + spec, script).orElseThrow(() -> new AssertionError(
                spec + " did not match " + script + ": " + Analysis.of(script).describe())).target());
    }

    /** A rule whose matchers disagree on whether --name takes a value would read `keep` as a positional. */
    private static final String FROB_PACK = """
            pack: frob
            title: Frob
            rules:
              - id: db-delete
                severity: critical
                verdict: ask
                explain: Deletes a frob database.
                when:
                  - shell: {command: frob, subcommand: [db, delete], target: "flag:--name"}
                  - shell: {command: frob, subcommand: [db, destroy]}
                unless:
                  - shell: {command: frob, subcommand: [db, delete], args_any: ["^keep$"]}
                examples:
                  match:
                    - "frob db delete --name keep"
                    - "frob --name prod db destroy"
                  no_match:
                    - "frob db delete keep"
            """;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "=>", textBlock = """
            frob db delete --name keep => keep
            frob --name prod db destroy => (none)
            frob --name=prod db destroy => (none)
            frob db delete keep => (no match)
            """)
    void aFlagARuleNamesAsTargetTakesAValueInEveryMatcherOfTheRule(String script, String expected)
            throws PackException {
        Pack pack = Policies.loader().load(new StringReader(FROB_PACK), "frob.yaml", "frob");
        Rule rule = pack.rules().get(0);
        Optional<RuleMatch> m = Analysis.of(script).subjects.stream().map(rule::match).filter(Optional::isPresent)
                .map(Optional::get).findFirst();
        String got = m.isEmpty() ? "(no match)" : m.get().target() == null ? "(none)" : m.get().target();
        assertEquals(expected, got);
        assertTrue(PackTester.test(pack).passed(), () -> PackTester.test(pack).failures().toString());
    }

    @Test
    void spanCoversTheWholeSimpleCommand() throws PackException {
        Hit h = hit("shell: {command: rm}", "ls && sudo rm -rf /x; echo").orElseThrow();
        assertEquals("rm -rf /x", h.span().text());
    }

    @Test
    void constructMatcherMatchesItsKinds() throws PackException {
        assertTrue(hit("construct: {kinds: [eval]}", "eval x").isPresent());
        assertTrue(hit("construct: {kinds: [download-to-shell]}", "eval x").isEmpty());
        assertEquals("curl x | sh", hit("construct: {kinds: [download-to-shell]}", "curl x | sh").orElseThrow()
                .span().text());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            shell: {command: rm, colour: red} => unknown key 'colour'
            shell: {flags_all: [-r]} => missing required key 'command'
            shell: {command: rm, args_any: ["("]} => bad regex
            shell: {command: rm, paths_any: [space]} => unknown path class 'space'
            shell: {command: rm, flags_any: [r]} => is not a flag
            shell: {command: rm, target: 'arg:0'} => target must be
            shell: {command: rm, target: 'flag:--name|n'} => target must be
            shell: {command: rm, target: 'flag:--name|'} => target must be
            shell: {command: rm, flag_values: {--a|b: x}} => is not a flag
            shell: {command: "rm -rf"} => is not a program name
            construct: {kinds: [evil]} => unknown construct kind 'evil'
            construct: {} => missing required key 'kinds'
            """)
    void badSpecificationsFailWithAClearError(String yaml, String message) {
        PackException e = assertThrows(PackException.class, () -> matcher(yaml));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains("test.yaml:1"), e.getMessage());
    }

    @Test
    void examplesUseTheShellAnalyzer() {
        assertTrue(new ShellAnalyzer().accepts(new ShellCommand("ls")));
    }
}
