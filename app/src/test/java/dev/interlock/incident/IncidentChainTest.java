package dev.interlock.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.HttpCall;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;
import dev.interlock.config.DataDir;
import dev.interlock.hooks.HookAdapters;
import dev.interlock.hooks.HookHandler;
import dev.interlock.policy.Severity;
import dev.interlock.policy.Verdict;
import dev.interlock.service.GuardService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident chain through the real entry points and the real bundled packs: Claude Code reads a leftover
 * config file holding a Railway token (its Read hook), then calls Railway's GraphQL API with that token —
 * once as a {@code curl} in its Bash hook, once as an HTTPS request seen by the proxy (which cannot name the
 * agent's session). Both are held as critical, with an explanation that names the file the token came from,
 * and denied when nobody answers.
 */
class IncidentChainTest {
    static final String TOKEN = "453bf491-2e7a-46e9-876c-603fe7e8f9f6";
    static final String MUTATION = "{\"query\":\"mutation { volumeDelete(volumeId: \\\"3f6c0e2a\\\") }\"}";

    @TempDir
    Path tmp;

    private static byte[] claude(String tool, String inputJson, Path cwd, String callId) {
        return ("{\"session_id\":\"sess-1\",\"transcript_path\":\"/t.jsonl\",\"cwd\":\"" + cwd + "\","
                + "\"permission_mode\":\"default\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"" + tool + "\","
                + "\"tool_input\":" + inputJson + ",\"tool_use_id\":\"" + callId + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTokenReadFromAnUnrelatedFileAndUsedForVolumeDeleteIsCriticalAndNamesTheFile() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("shop"));
        Files.createDirectories(ws.resolve("legacy"));
        Files.writeString(ws.resolve("legacy/config_backup.json"),
                "{\n  \"domains\": [\"shop.example.org\"],\n  \"railway_token\": \"" + TOKEN + "\"\n}\n");
        try (GuardService guard = GuardService.open(new DataDir(tmp.resolve("home")),
                GuardService.Options.DEFAULT.withDeadline(Duration.ofSeconds(1)).withWatchFiles(false))) {
            HookHandler hooks = new HookHandler(HookAdapters.standard(), guard);

            HookHandler.Handled read = hooks.handleFull("claude-code", claude("Read",
                    "{\"file_path\":\"" + ws.resolve("legacy/config_backup.json") + "\"}", ws, "toolu_1"), null);
            assertEquals(Verdict.ALLOW, read.resolution().verdict(), "reading a file in the workspace is fine");

            String curl = "curl -s -X POST https://backboard.railway.app/graphql/v2 -H 'Authorization: Bearer " + TOKEN
                    + "' -H 'Content-Type: application/json' -d '" + MUTATION + "'";
            String bashInput = "{\"command\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(curl) + "}";
            HookHandler.Handled shell = hooks.handleFull("claude-code", claude("Bash", bashInput, ws, "toolu_2"), null);
            Resolution r = shell.resolution();
            assertEquals(Verdict.DENY, r.verdict(), "nobody answered: denied at the deadline");
            assertEquals("timeout", r.decidedBy());
            assertEquals(Severity.CRITICAL, r.decision().severity());
            assertTrue(r.decision().primary().orElseThrow().qualifiedId().equals("railway/volume-delete"));
            assertTrue(r.decision().notes().stream().anyMatch(n -> n.startsWith(
                    "uses a Railway API token it read from legacy/config_backup.json:3")), r.decision().notes().toString());

            Resolution viaProxy = guard.decide(new HttpCall("POST", "https://backboard.railway.app/graphql/v2",
                            Map.of("Authorization", List.of("Bearer " + TOKEN), "Content-Type", List.of("application/json")),
                            MUTATION), new Origin("proxy", null, null, null, null));
            assertEquals(Verdict.DENY, viaProxy.verdict());
            assertEquals(Severity.CRITICAL, viaProxy.decision().severity());
            assertTrue(viaProxy.decision().notes().stream().anyMatch(n -> n.startsWith(
                    "uses a Railway API token claude-code read from legacy/config_backup.json:3")),
                    viaProxy.decision().notes().toString());

            assertTrue(guard.audit().verify().ok(), "the audit chain is intact");
            assertEquals(3, guard.audit().count(dev.interlock.audit.AuditFilter.parse("type:action")));
        }
    }
}
