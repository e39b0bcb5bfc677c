package dev.interlock.policy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlock.action.HttpCall;
import dev.interlock.action.ShellCommand;
import dev.interlock.cli.Main;
import dev.interlock.policy.Decision;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Severity;
import dev.interlock.policy.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The incident of docs/incident.md, in every shape an agent could send it: it must be held, critical. */
class IncidentTest {
    private static final String APP = "https://backboard.railway.app/graphql/v2";
    private static final String COM = "https://backboard.railway.com/graphql/v2";
    private static final String VOLUME = "3f6c9b1e-prod-db";
    private static PolicyEngine engine;

    @BeforeAll
    static void load() throws Exception {
        engine = Engines.bundled();
    }

    private static Decision post(String url, String body) {
        return engine.evaluate(new HttpCall("POST", url, Map.of("Content-Type", List.of("application/json")), body));
    }

    private static void assertVolumeDelete(Decision d) {
        assertEquals(Verdict.ASK, d.verdict(), d::summary);
        assertEquals(Severity.CRITICAL, d.severity(), d::summary);
        RuleMatch top = d.primary().orElseThrow();
        assertEquals("railway/volume-delete", top.qualifiedId(), d::summary);
        assertEquals(VOLUME, top.target());
    }

    @Test
    void thePlainMutationIsHeldAndPointsAtVolumeDelete() {
        String body = "{\"query\":\"mutation { volumeDelete(volumeId: \\\"" + VOLUME + "\\\") }\"}";
        Decision d = post(APP, body);
        assertVolumeDelete(d);
        RuleMatch m = d.primary().orElseThrow();
        assertEquals("body", m.span().field());
        assertEquals("volumeDelete", m.span().text());
        assertEquals(body.indexOf("volumeDelete"), m.span().start());
    }

    @Test
    void anAliasDoesNotHideIt() {
        Decision d = post(APP, "{\"query\":\"mutation { resetStaging: volumeDelete(volumeId: \\\"" + VOLUME + "\\\") }\"}");
        assertVolumeDelete(d);
        assertEquals("resetStaging: volumeDelete", d.primary().orElseThrow().span().text());
    }

    @Test
    void variablesAreResolvedForTheTarget() {
        assertVolumeDelete(post(APP, "{\"query\":\"mutation($id: String!) { volumeDelete(volumeId: $id) }\","
                + "\"variables\":{\"id\":\"" + VOLUME + "\"}}"));
        assertVolumeDelete(post(APP, "{\"query\":\"mutation($id: String = \\\"" + VOLUME + "\\\") { volumeDelete(volumeId: $id) }\"}"));
    }

    @Test
    void aBatchIsCheckedEntryByEntry() {
        assertVolumeDelete(post(APP, "[{\"query\":\"query { me { id } }\"},"
                + "{\"query\":\"mutation($id: String!) { volumeDelete(volumeId: $id) }\",\"variables\":{\"id\":\"" + VOLUME + "\"}}]"));
    }

    @Test
    void aMisleadingOperationNameNeitherHidesNorFakes() {
        // a reassuring name on the mutation itself
        assertVolumeDelete(post(APP, "{\"query\":\"mutation ListVolumes { volumeDelete(volumeId: \\\"" + VOLUME + "\\\") }\","
                + "\"operationName\":\"ListVolumes\"}"));
        // an operationName that names no operation: every operation counts
        assertVolumeDelete(post(APP, "{\"query\":\"query Me { me { id } } mutation Wipe { volumeDelete(volumeId: \\\"" + VOLUME + "\\\") }\","
                + "\"operationName\":\"DoesNotExist\"}"));
        // several operations, none chosen: every mutation is possible
        assertVolumeDelete(post(APP, "{\"query\":\"query Me { me { id } } mutation Wipe { volumeDelete(volumeId: \\\"" + VOLUME + "\\\") }\"}"));
        // the named operation is the only one that runs: choosing the query is allowed
        Decision chosenQuery = post(APP, "{\"query\":\"query Me { me { id } } mutation Wipe { volumeDelete(volumeId: \\\"x\\\") }\","
                + "\"operationName\":\"Me\"}");
        assertEquals(Verdict.ALLOW, chosenQuery.verdict(), chosenQuery::summary);
        // an operationName or comment that sounds destructive does not make a read dangerous
        Decision fake = post(APP, "{\"query\":\"# volumeDelete(volumeId: \\\"x\\\")\\nquery volumeDelete { me { id } }\","
                + "\"operationName\":\"volumeDelete\"}");
        assertEquals(Verdict.ALLOW, fake.verdict(), fake::summary);
    }

    @Test
    void theDotComHostAndHostSpellingsAreTheSameEndpoint() {
        String body = "{\"query\":\"mutation { volumeDelete(volumeId: \\\"" + VOLUME + "\\\") }\"}";
        assertVolumeDelete(post(COM, body));
        assertVolumeDelete(post("https://BACKBOARD.Railway.App./graphql/v2", body));
        assertVolumeDelete(post("https://backboard.railway.app:443/graphql/v2/", body));
        assertVolumeDelete(post("https://backboard.railway.app/x/../graphql//v2", body));
    }

    @Test
    void fragmentsAndGetQueriesAreSeen() {
        assertVolumeDelete(post(APP, "{\"query\":\"mutation { ...Tidy } fragment Tidy on Mutation { volumeDelete(volumeId: \\\"" + VOLUME + "\\\") }\"}"));
        assertVolumeDelete(engine.evaluate(new HttpCall("GET",
                APP + "?query=mutation%20%7B%20volumeDelete(volumeId%3A%20%22" + VOLUME + "%22)%20%7D", Map.of(), "")));
    }

    @Test
    void whatCannotBeReadIsHeld() {
        Decision broken = post(APP, "{\"query\":\"mutation { volumeDelete(volumeId: \\\"x\\\" }\"}");
        assertEquals(Verdict.ASK, broken.verdict());
        assertEquals(Severity.CRITICAL, broken.severity());
        assertTrue(broken.primary().orElseThrow().explain().contains("cannot parse the GraphQL document"), broken::summary);
        Decision notJson = post(APP, "{\"query\": mutation { volumeDelete }");
        assertEquals(Verdict.ASK, notJson.verdict(), notJson::summary);
        Decision persisted = post(APP, "{\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"abc\"}}}");
        assertEquals(Verdict.ASK, persisted.verdict(), persisted::summary);
        Decision truncated = engine.evaluate(new HttpCall("POST", APP, Map.of(), "{\"query\":\"mutation { volumeDel", true));
        assertEquals(Verdict.ASK, truncated.verdict(), truncated::summary);
    }

    @Test
    void readOnlyQueriesStayAllowed() {
        for (String body : List.of("{\"query\":\"query { me { id name } }\"}",
                "{\"query\":\"{ project(id: \\\"p\\\") { volumes { edges { node { id name } } } } }\"}",
                "[{\"query\":\"query { me { id } }\"},{\"query\":\"query { projects { edges { node { id } } } }\"}]")) {
            Decision d = post(APP, body);
            assertEquals(Verdict.ALLOW, d.verdict(), d::summary);
        }
        assertEquals(Verdict.ALLOW, engine.evaluate(new HttpCall("GET", APP, Map.of(), "")).verdict());
    }

    @Test
    void theSameCallAsCurlIsHeld() {
        for (String cmd : List.of(
                "curl -X POST " + APP + " -H 'Authorization: Bearer tok' -H 'Content-Type: application/json' "
                        + "-d '{\"query\":\"mutation { volumeDelete(volumeId: \\\"" + VOLUME + "\\\") }\"}'",
                "curl -sS " + COM + " --json '{\"query\":\"mutation { x: volumeDelete(volumeId: \\\"" + VOLUME + "\\\") }\"}'",
                "curl -sSXPOST --url " + APP + " --data-raw '{\"query\":\"mutation($id: String!) { volumeDelete(volumeId: $id) }\",\"variables\":{\"id\":\"" + VOLUME + "\"}}'",
                "curl " + APP + " -H 'content-type: application/json' --data-binary '[{\"query\":\"{ me { id } }\"},{\"query\":\"mutation { volumeDelete(volumeId: \\\"" + VOLUME + "\\\") }\"}]'")) {
            Decision d = engine.evaluate(new ShellCommand(cmd, "/home/dev/project"));
            assertVolumeDelete(d);
            RuleMatch m = d.primary().orElseThrow();
            assertEquals("command", m.span().field());
            assertTrue(cmd.substring(m.span().start(), m.span().end()).contains("volumeDelete"), m.span().toString());
        }
    }

    @Test
    void wrappedPipedAndHeredocCurlsAreHeld() {
        String json = "{\"query\":\"mutation { volumeDelete(volumeId: \\\"" + VOLUME + "\\\") }\"}";
        for (String cmd : List.of(
                "sudo -E env RAILWAY_TOKEN=x curl -sS " + APP + " --json '" + json + "'",
                "bash -c 'curl -sS " + APP + " -H content-type:application/json -d @- <<EOF\n" + json + "\nEOF'",
                "cd /tmp && curl " + APP + " -d @- <<'EOF'\n" + json + "\nEOF",
                "xh POST " + APP + " query='mutation { volumeDelete(volumeId: \"" + VOLUME + "\") }'",
                "https " + APP.replace("https://", "") + " query='mutation { volumeDelete(volumeId: \"" + VOLUME + "\") }'",
                "wget -qO- --header='Content-Type: application/json' --post-data='" + json + "' " + APP,
                "railway api 'mutation($id: String!) { volumeDelete(volumeId: $id) }' --var id=" + VOLUME)) {
            Decision d = engine.evaluate(new ShellCommand(cmd, "/home/dev/project"));
            assertEquals(VOLUME, d.target().orElse(null), () -> cmd + " -> " + d.summary() + "\n" + engine.explain(new ShellCommand(cmd, "/home/dev/project")));
            assertVolumeDelete(d);
        }
        Decision piped = engine.evaluate(new ShellCommand("cat payload.json | curl " + APP + " -d @-", "/tmp"));
        assertEquals(Verdict.ASK, piped.verdict(), piped::summary);
        assertEquals(Severity.CRITICAL, piped.severity());
    }

    @Test
    void anIpWithTheRailwayHostHeaderIsTheSameEndpoint() {
        Decision d = engine.evaluate(new HttpCall("POST", "https://66.33.22.11/graphql/v2",
                Map.of("Host", List.of("backboard.railway.app"), "Content-Type", List.of("application/json")),
                "{\"query\":\"mutation { volumeDelete(volumeId: \\\"" + VOLUME + "\\\") }\"}"));
        assertVolumeDelete(d);
    }

    @Test
    void curlWithABodyFromAFileToTheEndpointIsHeld() {
        Decision d = engine.evaluate(new ShellCommand("curl -X POST " + APP + " -d @payload.json", "/tmp"));
        assertEquals(Verdict.ASK, d.verdict(), d::summary);
        assertEquals(Severity.CRITICAL, d.severity());
        Decision readOnly = engine.evaluate(new ShellCommand(
                "curl " + APP + " --json '{\"query\":\"query { me { id } }\"}'", "/tmp"));
        assertEquals(Verdict.ALLOW, readOnly.verdict(), readOnly::summary);
    }

    @Test
    void interlockCheckAnswersAskCriticalForTheIncidentCall() throws Exception {
        String body = "{\"query\":\"mutation { volumeDelete(volumeId: \\\"" + VOLUME + "\\\") }\"}";
        Run r = run("check", "--json", "--http", "POST", APP, "-H", "Content-Type: application/json", "--data", body);
        assertEquals(3, r.code, r.out);
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertEquals("ask", j.get("verdict").asText());
        assertEquals("critical", j.get("severity").asText());
        assertEquals("volume-delete", j.get("rules").get(0).get("id").asText());
        Run ok = run("check", "--json", "--http", "POST", COM, "--data", "{\"query\":\"query { me { id } }\"}");
        assertEquals(0, ok.code, ok.out);
    }

    @Test
    void jsonlBatchAnswersEachHttpLine() throws Exception {
        String in = String.join("\n",
                "{\"http\":{\"method\":\"POST\",\"url\":\"" + COM + "\",\"headers\":{\"Content-Type\":\"application/json\"},"
                        + "\"body\":\"{\\\"query\\\":\\\"mutation { v: volumeDelete(volumeId: \\\\\\\"" + VOLUME + "\\\\\\\") }\\\"}\"}}",
                "{\"http\":{\"method\":\"POST\",\"url\":\"" + COM + "\",\"body\":{\"query\":\"query { me { id } }\"}}}",
                "{\"command\":\"curl -X DELETE https://api.github.com/repos/acme/app\"}") + "\n";
        java.io.InputStream old = System.in;
        System.setIn(new java.io.ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)));
        Run r;
        try {
            r = run("check", "--jsonl");
        } finally {
            System.setIn(old);
        }
        List<String> lines = r.out.lines().toList();
        assertEquals(3, lines.size(), r.out);
        ObjectMapper m = new ObjectMapper();
        assertEquals("critical", m.readTree(lines.get(0)).get("severity").asText(), lines.get(0));
        assertEquals(VOLUME, m.readTree(lines.get(0)).get("rules").get(0).get("target").asText());
        assertEquals("allow", m.readTree(lines.get(1)).get("verdict").asText(), lines.get(1));
        assertEquals("github", m.readTree(lines.get(2)).get("rules").get(0).get("pack").asText(), lines.get(2));
    }

    private record Run(int code, String out) {
    }

    private static Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }
}
