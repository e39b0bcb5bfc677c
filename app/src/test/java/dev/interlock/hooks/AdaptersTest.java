package dev.interlock.hooks;

import static dev.interlock.hooks.AdapterTestSupport.json;
import static dev.interlock.hooks.AdapterTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.action.FileAccess;
import dev.interlock.action.HttpCall;
import dev.interlock.action.McpCall;
import dev.interlock.action.ShellCommand;
import dev.interlock.hooks.HookAdapter.Reply;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every adapter driven with the real payload shapes from agent-integrations.md through {@link HookHandler}. */
class AdaptersTest {

    static void assertDenyMentionsApproval(String reason) {
        assertTrue(reason.contains("ap-7"), reason);
        assertTrue(reason.contains("human must approve"), reason);
        assertTrue(reason.contains("railway/volume-delete"), reason);
    }

    @Nested
    class ClaudeCode {
        @Test
        void bashBecomesShellCommandWithOrigin() {
            TestGuard g = TestGuard.always(TestGuard.policyAllow());
            Reply r = run("claude-code", "claude-pretooluse-bash.json", g);
            ShellCommand c = assertInstanceOf(ShellCommand.class, g.actions.get(0));
            assertEquals("railway volume delete --volume 3f6c", c.script());
            assertEquals("/home/dev/project", c.cwd());
            assertEquals("claude-code", g.origins.get(0).agent());
            assertEquals("abc123", g.origins.get(0).sessionId());
            assertEquals("toolu_01ABC", g.origins.get(0).toolCallId());
            assertEquals("", r.stdout(), "a plain policy allow is no opinion: Claude's own prompts still apply");
            assertEquals(0, r.exitCode());
        }

        @Test
        void humanApprovalSkipsClaudesPrompt() {
            JsonNode out = json(run("claude", "claude-pretooluse-bash.json", TestGuard.humanAllow())).get("hookSpecificOutput");
            assertEquals("PreToolUse", out.get("hookEventName").asText());
            assertEquals("allow", out.get("permissionDecision").asText());
        }

        @Test
        void denyCarriesApprovalIdForTheModel() {
            Reply r = run("claude-code", "claude-pretooluse-bash.json", TestGuard.timeoutDeny());
            JsonNode out = json(r).get("hookSpecificOutput");
            assertEquals("deny", out.get("permissionDecision").asText());
            assertDenyMentionsApproval(out.get("permissionDecisionReason").asText());
            assertEquals(0, r.exitCode());
        }

        @Test
        void askIsNativeInDefaultModeButDenyInBypassMode() {
            assertEquals("ask", json(run("claude-code", "claude-pretooluse-bash.json", TestGuard.askNative()))
                    .at("/hookSpecificOutput/permissionDecision").asText());
            assertEquals("deny", json(run("claude-code", "claude-pretooluse-read.json", TestGuard.askNative()))
                    .at("/hookSpecificOutput/permissionDecision").asText());
        }

        @Test
        void fileWebAndMcpTools() {
            TestGuard g = TestGuard.always(TestGuard.policyAllow());
            run("claude-code", "claude-pretooluse-write.json", g);
            run("claude-code", "claude-pretooluse-read.json", g);
            run("claude-code", "claude-pretooluse-webfetch.json", g);
            run("claude-code", "claude-pretooluse-mcp.json", g);
            FileAccess w = assertInstanceOf(FileAccess.class, g.actions.get(0));
            assertEquals(FileAccess.Mode.WRITE, w.mode());
            assertEquals("ssh-ed25519 AAAA attacker", w.content());
            assertEquals(FileAccess.Mode.READ, ((FileAccess) g.actions.get(1)).mode());
            HttpCall h = assertInstanceOf(HttpCall.class, g.actions.get(2));
            assertEquals("GET https://example.com/docs", h.summary());
            McpCall m = assertInstanceOf(McpCall.class, g.actions.get(3));
            assertEquals("postgres", m.server());
            assertEquals("query", m.tool());
            assertTrue(m.argumentsJson().contains("DROP TABLE users"));
        }

        @Test
        void permissionRequestAnswersClaudesDialog() {
            JsonNode deny = json(run("claude-code", "claude-permissionrequest.json", TestGuard.timeoutDeny()));
            assertEquals("deny", deny.at("/hookSpecificOutput/decision/behavior").asText());
            assertDenyMentionsApproval(deny.at("/hookSpecificOutput/decision/message").asText());
            JsonNode allow = json(run("claude-code", "claude-permissionrequest.json", TestGuard.humanAllow()));
            assertEquals("allow", allow.at("/hookSpecificOutput/decision/behavior").asText());
            assertEquals("", run("claude-code", "claude-permissionrequest.json", TestGuard.askNative()).stdout(),
                    "an ask leaves Claude's own dialog up");
        }

        @Test
        void unguardedEventsAndToolsPassWithoutAskingTheGuard() {
            TestGuard g = TestGuard.always(TestGuard.timeoutDeny());
            assertEquals(new Reply("", 0), run("claude-code", "claude-sessionstart.json", g));
            assertEquals(new Reply("", 0), run("claude-code", "claude-pretooluse-glob.json", g));
            assertTrue(g.actions.isEmpty());
        }

        @Test
        void sessionEndPassesAndEndsTheSessionForTheRightHost() {
            TestGuard g = TestGuard.always(TestGuard.timeoutDeny());
            java.util.List<dev.interlock.action.Origin> ended = new java.util.ArrayList<>();
            HookHandler h = new HookHandler(HookAdapters.standard(), g).onSessionEnd(ended::add);
            byte[] end = """
                    {"session_id":"abc123","transcript_path":"/t.jsonl","cwd":"/home/dev/project",
                     "hook_event_name":"SessionEnd","reason":"clear"}
                    """.getBytes(StandardCharsets.UTF_8);
            assertEquals(new Reply("", 0), h.handle("claude-code", end, null));
            assertEquals(new Reply("", 0), h.handle("claude-code", end, "copilot"));
            assertEquals(java.util.List.of("claude-code/abc123", "copilot/abc123"),
                    ended.stream().map(o -> o.agent() + "/" + o.sessionId()).toList(), "a host running Claude's hook");
            assertTrue(g.actions.isEmpty(), "nothing to decide");
        }

        @Test
        void malformedPayloadFailsClosedWithExit2() {
            HookHandler h = new HookHandler(HookAdapters.standard(), TestGuard.always(TestGuard.policyAllow()));
            Reply notJson = h.handle("claude-code", "{not json".getBytes(StandardCharsets.UTF_8), null);
            assertEquals(2, notJson.exitCode());
            assertTrue(notJson.stderr().contains("Blocked by Interlock"), notJson.stderr());
            Reply noCommand = h.handle("claude-code", """
                    {"session_id":"s","cwd":"/p","hook_event_name":"PreToolUse","tool_name":"Write","tool_input":{"content":"x"}}
                    """.getBytes(StandardCharsets.UTF_8), null);
            assertEquals(2, noCommand.exitCode());
            assertTrue(noCommand.stderr().contains("missing the file path"), noCommand.stderr());
        }
    }

    @Nested
    class Cursor {
        @Test
        void shellAllowDenyAsk() {
            TestGuard g = TestGuard.always(TestGuard.policyAllow());
            assertEquals("allow", json(run("cursor", "cursor-beforeshell.json", g)).get("permission").asText());
            assertEquals("cursor", g.origins.get(0).agent());
            assertEquals("c-77", g.origins.get(0).sessionId());
            JsonNode deny = json(run("cursor", "cursor-beforeshell.json", TestGuard.timeoutDeny()));
            assertEquals("deny", deny.get("permission").asText());
            assertDenyMentionsApproval(deny.get("agent_message").asText());
            assertEquals("ask", json(run("cursor", "cursor-beforeshell.json", TestGuard.askNative())).get("permission").asText());
        }

        @Test
        void askOnReadFileIsDenyBecauseCursorIgnoresIt() {
            TestGuard g = TestGuard.always(TestGuard.askNative());
            assertEquals("deny", json(run("cursor", "cursor-beforereadfile.json", g)).get("permission").asText());
            assertEquals(FileAccess.Mode.READ, ((FileAccess) g.actions.get(0)).mode());
        }

        @Test
        void mcpWithStringInputAndPreToolUseWrite() {
            TestGuard g = TestGuard.always(TestGuard.policyAllow());
            run("cursor", "cursor-beforemcp.json", g);
            run("cursor", "cursor-pretooluse-write.json", g);
            McpCall m = assertInstanceOf(McpCall.class, g.actions.get(0));
            assertEquals("query", m.tool());
            assertTrue(m.argumentsJson().contains("DROP TABLE"));
            assertEquals(FileAccess.Mode.WRITE, ((FileAccess) g.actions.get(1)).mode());
        }

        @Test
        void passAndFailClosed() {
            assertEquals("allow", json(run("cursor", "cursor-stop.json", TestGuard.timeoutDeny())).get("permission").asText());
            Reply bad = new HookHandler(HookAdapters.standard(), TestGuard.always(TestGuard.policyAllow()))
                    .handle("cursor", "[]".getBytes(StandardCharsets.UTF_8), null);
            assertEquals(2, bad.exitCode());
            assertEquals("deny", json(bad).get("permission").asText());
        }
    }

    @Nested
    class Gemini {
        @Test
        void shellDenyAndAskBecomesDeny() {
            TestGuard g = TestGuard.always(TestGuard.timeoutDeny());
            JsonNode deny = json(run("gemini", "gemini-beforetool-shell.json", g));
            assertEquals("deny", deny.get("decision").asText());
            assertDenyMentionsApproval(deny.get("reason").asText());
            assertEquals("gs-1", g.origins.get(0).sessionId());
            assertEquals("deny", json(run("gemini", "gemini-beforetool-shell.json", TestGuard.askNative())).get("decision").asText());
            assertEquals("allow", json(run("gemini", "gemini-beforetool-shell.json", TestGuard.policyAllow())).get("decision").asText());
        }

        @Test
        void everyFileOfReadManyIsChecked() {
            TestGuard g = new TestGuard(a -> a.summary().contains(".ssh") ? TestGuard.timeoutDeny() : TestGuard.policyAllow());
            JsonNode r = json(run("gemini", "gemini-beforetool-readmany.json", g));
            assertEquals(2, g.actions.size());
            assertEquals("deny", r.get("decision").asText());
        }

        @Test
        void webFetchUrlFromPromptAndMcpContext() {
            TestGuard g = TestGuard.always(TestGuard.policyAllow());
            run("gemini", "gemini-beforetool-webfetch.json", g);
            run("gemini", "gemini-beforetool-mcp.json", g);
            assertEquals("GET https://example.com/page", g.actions.get(0).summary());
            McpCall m = (McpCall) g.actions.get(1);
            assertEquals("postgres", m.server());
            assertEquals("query", m.tool());
        }

        @Test
        void passAndFailClosed() {
            assertEquals("{}", run("gemini", "gemini-aftertool.json", TestGuard.timeoutDeny()).stdout());
            Reply bad = new HookHandler(HookAdapters.standard(), TestGuard.always(TestGuard.policyAllow())).handle("gemini",
                    "{\"hook_event_name\":\"BeforeTool\",\"tool_name\":\"run_shell_command\",\"tool_input\":{}}"
                            .getBytes(StandardCharsets.UTF_8), null);
            assertEquals(2, bad.exitCode());
            assertEquals("", bad.stdout());
        }
    }

    @Nested
    class Codex {
        @Test
        void bashDenyAllowIsSilenceAndAskIsDeny() {
            JsonNode deny = json(run("codex", "codex-pretooluse-bash.json", TestGuard.timeoutDeny()));
            assertEquals("deny", deny.at("/hookSpecificOutput/permissionDecision").asText());
            assertDenyMentionsApproval(deny.at("/hookSpecificOutput/permissionDecisionReason").asText());
            assertEquals("", run("codex", "codex-pretooluse-bash.json", TestGuard.policyAllow()).stdout());
            assertEquals("deny", json(run("codex", "codex-pretooluse-bash.json", TestGuard.askNative()))
                    .at("/hookSpecificOutput/permissionDecision").asText());
        }

        @Test
        void applyPatchChecksEveryFile() {
            TestGuard g = new TestGuard(a -> a.summary().contains(".ssh") ? TestGuard.timeoutDeny() : TestGuard.policyAllow());
            Reply r = run("codex", "codex-pretooluse-patch.json", g);
            assertEquals(2, g.actions.size());
            assertEquals(FileAccess.Mode.EDIT, ((FileAccess) g.actions.get(0)).mode());
            assertEquals("print('b')\n", ((FileAccess) g.actions.get(0)).content());
            assertEquals(FileAccess.Mode.DELETE, ((FileAccess) g.actions.get(1)).mode());
            assertEquals("deny", json(r).at("/hookSpecificOutput/permissionDecision").asText());
        }

        @Test
        void permissionRequest() {
            assertEquals("allow", json(run("codex", "codex-permissionrequest.json", TestGuard.humanAllow()))
                    .at("/hookSpecificOutput/decision/behavior").asText());
            assertEquals("", run("codex", "codex-permissionrequest.json", TestGuard.policyAllow()).stdout());
        }
    }

    @Nested
    class Copilot {
        @Test
        void bashWithStringArgs() {
            TestGuard g = TestGuard.always(TestGuard.timeoutDeny());
            JsonNode deny = json(run("copilot", "copilot-pretooluse-bash.json", g));
            assertEquals("railway volume delete --volume 3f6c", ((ShellCommand) g.actions.get(0)).script());
            assertEquals("deny", deny.get("permissionDecision").asText());
            assertDenyMentionsApproval(deny.get("permissionDecisionReason").asText());
            assertEquals("ask", json(run("copilot", "copilot-pretooluse-bash.json", TestGuard.askNative()))
                    .get("permissionDecision").asText());
            assertEquals("", run("copilot", "copilot-pretooluse-bash.json", TestGuard.policyAllow()).stdout());
        }

        @Test
        void viewCreateAndUnguarded() {
            TestGuard g = TestGuard.always(TestGuard.policyAllow());
            run("copilot", "copilot-pretooluse-view.json", g);
            run("copilot", "copilot-pretooluse-create.json", g);
            run("copilot", "copilot-pretooluse-glob.json", g);
            assertEquals(2, g.actions.size());
            assertEquals(FileAccess.Mode.READ, ((FileAccess) g.actions.get(0)).mode());
            assertEquals("ssh-ed25519 AAAA", ((FileAccess) g.actions.get(1)).content());
        }

        @Test
        void failClosedIsExit2() {
            Reply bad = new HookHandler(HookAdapters.standard(), TestGuard.always(TestGuard.policyAllow()))
                    .handle("copilot", "{\"sessionId\":\"x\",\"toolName\":\"bash\",\"toolArgs\":\"{oops\"}".getBytes(StandardCharsets.UTF_8), null);
            assertEquals(2, bad.exitCode());
            assertEquals("deny", json(bad).get("permissionDecision").asText());
        }
    }

    @Nested
    class Cline {
        @Test
        void commandAndMcp() {
            TestGuard g = TestGuard.always(TestGuard.timeoutDeny());
            JsonNode deny = json(run("cline", "cline-pretooluse-command.json", g));
            assertTrue(deny.get("cancel").asBoolean());
            assertDenyMentionsApproval(deny.get("errorMessage").asText());
            assertEquals("task-42", g.origins.get(0).sessionId());
            assertEquals("/home/dev/project", g.origins.get(0).workspace());
            assertTrue(json(run("cline", "cline-pretooluse-command.json", TestGuard.askNative())).get("cancel").asBoolean());
            assertFalse(json(run("cline", "cline-pretooluse-mcp.json", TestGuard.policyAllow())).get("cancel").asBoolean());
        }

        @Test
        void passAndFailClosed() {
            assertEquals("{\"cancel\":false}", run("cline", "cline-taskstart.json", TestGuard.timeoutDeny()).stdout());
            Reply bad = new HookHandler(HookAdapters.standard(), TestGuard.always(TestGuard.policyAllow()))
                    .handle("cline", "{\"hookName\":\"PreToolUse\",\"clineVersion\":\"3\"}".getBytes(StandardCharsets.UTF_8), null);
            assertTrue(json(bad).get("cancel").asBoolean());
        }
    }

    @Nested
    class Windsurf {
        @Test
        void exitCodesCarryTheDecision() {
            Reply deny = run("windsurf", "windsurf-pre-run-command.json", TestGuard.timeoutDeny());
            assertEquals(2, deny.exitCode());
            assertDenyMentionsApproval(deny.stderr());
            assertEquals(2, run("windsurf", "windsurf-pre-run-command.json", TestGuard.askNative()).exitCode());
            assertEquals(0, run("windsurf", "windsurf-pre-run-command.json", TestGuard.policyAllow()).exitCode());
            assertEquals(0, run("windsurf", "windsurf-post-run-command.json", TestGuard.timeoutDeny()).exitCode());
        }

        @Test
        void writeAndMcp() {
            TestGuard g = TestGuard.always(TestGuard.policyAllow());
            run("windsurf", "windsurf-pre-write-code.json", g);
            run("windsurf", "windsurf-pre-mcp.json", g);
            assertEquals("ssh-ed25519 AAAA\n", ((FileAccess) g.actions.get(0)).content());
            assertEquals("postgres", ((McpCall) g.actions.get(1)).server());
            assertEquals("traj-1", g.origins.get(0).sessionId());
        }
    }

    @Nested
    class Amp {
        @Test
        void exitZeroOneTwo() {
            TestGuard g = TestGuard.always(TestGuard.policyAllow());
            assertEquals(0, run("amp", "amp-bash.json", g).exitCode());
            assertEquals("T-1234", g.origins.get(0).sessionId());
            assertEquals(1, run("amp", "amp-bash.json", TestGuard.askNative()).exitCode());
            Reply deny = run("amp", "amp-bash.json", TestGuard.timeoutDeny());
            assertEquals(2, deny.exitCode());
            assertDenyMentionsApproval(deny.stderr());
        }

        @Test
        void bareParametersWithoutTheClientsWrapperFailClosed() {
            assertEquals(2, run("amp", "amp-params-bash.json", TestGuard.policyAllow()).exitCode());
        }
    }

    @Nested
    class OpenCode {
        @Test
        void decisions() {
            TestGuard g = TestGuard.always(TestGuard.policyAllow());
            assertEquals("allow", json(run("opencode", "opencode-bash.json", g)).get("decision").asText());
            assertEquals("ses_1", g.origins.get(0).sessionId());
            assertEquals("call_1", g.origins.get(0).toolCallId());
            JsonNode deny = json(run("opencode", "opencode-read.json", TestGuard.timeoutDeny()));
            assertEquals("deny", deny.get("decision").asText());
            assertDenyMentionsApproval(deny.get("reason").asText());
        }
    }

    @Nested
    class HostDetection {
        @Test
        void cursorRunningClaudesHookIsAnsweredInCursorsFormat() {
            TestGuard g = TestGuard.always(TestGuard.timeoutDeny());
            Reply r = run("claude-code", "cursor-beforeshell.json", g);
            assertEquals("cursor", g.origins.get(0).agent());
            assertEquals("deny", json(r).get("permission").asText());
        }

        @Test
        void environmentHintAttributesAClaudeShapedPayload() {
            TestGuard g = TestGuard.always(TestGuard.policyAllow());
            new HookHandler(HookAdapters.standard(), g).handle("claude-code",
                    AdapterTestSupport.payload("claude-pretooluse-bash.json"), "copilot");
            assertEquals("copilot", g.origins.get(0).agent());
        }

        @Test
        void unknownAgentFailsClosed() {
            Reply r = new HookHandler(HookAdapters.standard(), TestGuard.always(TestGuard.policyAllow()))
                    .handle("nonesuch", "{}".getBytes(StandardCharsets.UTF_8), null);
            assertEquals(2, r.exitCode());
        }
    }
}
