package dev.interlock.policy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.HttpCall;
import dev.interlock.policy.Decision;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inputs built to break the analysis are answered, and never with allow on a guarded endpoint. */
class PathologicalHttpTest {
    private static final String APP = "https://backboard.railway.app/graphql/v2";
    private static PolicyEngine engine;

    @BeforeAll
    static void load() throws Exception {
        engine = Engines.bundled();
    }

    private static Decision post(String body) {
        return engine.evaluate(new HttpCall("POST", APP, Map.of("Content-Type", List.of("application/json")), body));
    }

    @Test
    void aHugeDocumentIsHeld() {
        String fields = "me { id } ".repeat(120_000);
        Decision d = post("{\"query\":\"mutation { volumeDelete(volumeId: \\\"v\\\") } query { " + fields + "}\"}");
        assertEquals(Verdict.ASK, d.verdict(), d::summary);
    }

    @Test
    void deepNestingIsHeld() {
        String deep = "{ a ".repeat(5_000) + "}".repeat(5_000);
        assertEquals(Verdict.ASK, post("{\"query\":\"mutation { volumeDelete(volumeId: \\\"v\\\") " + deep + " }\"}").verdict());
        String json = "[".repeat(20_000) + "]".repeat(20_000);
        assertEquals(Verdict.ASK, post(json).verdict());
    }

    @Test
    void anUnreadableDocumentIsHeldOnlyByRulesWhoseMutationItNames() {
        // GraphQL names have no escapes: a field that runs is spelled out in the document, readable or not.
        Decision broken = post("{\"query\":\"mutation { volumeDelete(volumeId: \\\"v\\\") \"}");
        assertEquals(Verdict.ASK, broken.verdict(), broken::summary);
        assertEquals(List.of("railway/volume-delete"), broken.matches().stream().map(m -> m.qualifiedId()).toList());
        assertEquals(Verdict.ALLOW, post("{\"query\":\"query { me { id } \"}").verdict());
        Decision fromFile = engine.evaluate(new dev.interlock.action.ShellCommand(
                "curl -X POST " + APP + " -H 'Content-Type: application/json' -d @payload.json", "/w", Map.of()));
        assertEquals(Verdict.ASK, fromFile.verdict(), "a body Interlock cannot see could run anything");
        assertTrue(fromFile.matches().size() > 1, fromFile::summary);
    }

    @Test
    void manyBatchedEntriesAreAllRead() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 2_000; i++) {
            sb.append("{\"query\":\"query { me { id } }\"},");
        }
        sb.append("{\"query\":\"mutation { volumeDelete(volumeId: \\\"v\\\") }\"}]");
        Decision d = post(sb.toString());
        assertEquals(Verdict.ASK, d.verdict());
        assertEquals("railway/volume-delete", d.primary().orElseThrow().qualifiedId());
    }

    @Test
    void aUrlWithoutHostIsHeldNotAllowed() {
        Decision d = engine.evaluate(new HttpCall("POST", "https:///graphql/v2", Map.of(), "{}"));
        assertEquals(Verdict.ASK, d.verdict(), d::summary);
    }
}
