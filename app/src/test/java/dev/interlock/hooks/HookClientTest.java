package dev.interlock.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlock.broker.Guard;
import dev.interlock.broker.Resolution;
import dev.interlock.policy.Decision;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped sh + curl client ({@code share/hooks/interlock-hook}) as a real process: against a real loopback
 * server while the service runs, and through the real JVM fallback ({@code bin/interlock hook --offline}) when it
 * does not.
 */
class HookClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    static Path dist;
    static PolicyEngine engine;

    @BeforeAll
    static void distribution() throws Exception {
        dist = TestDistribution.build(tmp.resolve("dist"));
        engine = Policies.engine(Policies.loadDirectory(dist.resolve("packs")), Set.of());
    }

    /** The service's answer in these tests: the policy, with an unanswered ask denied at its deadline. */
    static Guard serviceGuard() {
        return (action, origin) -> {
            Decision d = engine.evaluate(action);
            return switch (d.verdict()) {
                case ALLOW -> new Resolution(Verdict.ALLOW, d, "policy", Duration.ZERO, null, "");
                case ASK -> new Resolution(Verdict.DENY, d, "timeout", Duration.ofSeconds(1), "ap-1", "Nobody answered in time.");
                case DENY -> new Resolution(Verdict.DENY, d, "policy", Duration.ZERO, null, "");
            };
        };
    }

    record Run(int exit, String stdout, String stderr) {
    }

    static Run hook(Path home, String agent, String payload, Map<String, String> extraEnv) throws Exception {
        return hook(dist, home, agent, payload, extraEnv);
    }

    /** Runs {@code share/hooks/interlock-hook AGENT} of {@code dist} as a real process, payload on stdin. */
    static Run hook(Path dist, Path home, String agent, String payload, Map<String, String> extraEnv) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(dist.resolve("share/hooks/interlock-hook").toString(), agent);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CLAUDE") || k.startsWith("CURSOR") || k.startsWith("GEMINI")
                || k.startsWith("AMP") || k.equals("AGENT") || k.startsWith("INTERLOCK"));
        env.put("INTERLOCK_HOME", home.toString());
        env.putAll(extraEnv);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write(payload.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "hook client did not finish");
        Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    static String claudeRead(String path, String mode) {
        return """
                {"session_id":"s1","transcript_path":"/t.jsonl","cwd":"/home/dev/project","permission_mode":"%s",
                 "hook_event_name":"PreToolUse","tool_name":"Read","tool_input":{"file_path":"%s"},"tool_use_id":"tu1"}
                """.formatted(mode, path);
    }

    /** bash's /dev/tcp transport (the default where bash exists) and the plain sh + curl one. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"tcp", "curl"})
    void serviceRunning_allowDenyAndStderrHeaderRoundTrip(String transport) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home-running-" + transport));
        Map<String, String> t = Map.of("INTERLOCK_HOOK_TRANSPORT", transport);
        try (LoopbackHookServer server = new LoopbackHookServer(serviceGuard(), "tok-123", home.resolve("run"))) {
            Run allow = hook(home, "claude-code", claudeRead("/home/dev/project/README-café-✓.md", "default"), t);
            assertEquals(new Run(0, "", ""), allow);

            Map<String, String> claude = new java.util.HashMap<>(t);
            claude.put("CLAUDECODE", "1");
            Run deny = hook(home, "claude-code", claudeRead("/home/dev/.ssh/id_rsa", "default"), claude);
            assertEquals(0, deny.exit(), deny.stderr());
            JsonNode out = JSON.readTree(deny.stdout()).get("hookSpecificOutput");
            assertEquals("deny", out.get("permissionDecision").asText());
            assertTrue(out.get("permissionDecisionReason").asText().contains("hooktest/ssh-key-read"), deny.stdout());
            assertEquals("claude-code", server.lastHostHint);

            String windsurf = """
                    {"agent_action_name":"pre_read_code","trajectory_id":"t","execution_id":"e",
                     "tool_info":{"file_path":"/srv/app/.env"}}""";
            Run blocked = hook(home, "windsurf", windsurf, t);
            assertEquals(2, blocked.exit());
            assertEquals("", blocked.stdout());
            assertTrue(blocked.stderr().contains("ap-1") && blocked.stderr().contains("human must approve"), blocked.stderr());
            assertTrue(blocked.stderr().contains("env-read — Reads a .env"), "UTF-8 survives the header: " + blocked.stderr());
            assertEquals(3, server.requests.get());
        }
    }

    @Test
    void ampParametersAreWrappedWithToolNameFromTheEnvironment() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home-amp"));
        try (LoopbackHookServer server = new LoopbackHookServer(serviceGuard(), "tok-amp", home.resolve("run"))) {
            Run deny = hook(home, "amp", "{\"path\":\"/home/dev/.ssh/id_ed25519\"}",
                    Map.of("AGENT", "amp", "AGENT_TOOL_NAME", "Read", "AMP_THREAD_ID", "T-\"9\""));
            assertEquals(2, deny.exit(), deny.stderr());
            assertTrue(deny.stderr().contains("ssh-key-read"), deny.stderr());
            assertEquals(0, hook(home, "amp", "{\"path\":\"/tmp/notes.txt\"}",
                    Map.of("AGENT_TOOL_NAME", "Read")).exit());
        }
    }

    @Test
    void serviceStopped_fallsBackToTheJvmAndFailsClosed() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home-stopped"));
        int deadPort;
        try (LoopbackHookServer server = new LoopbackHookServer(serviceGuard(), "tok", home.resolve("run"))) {
            deadPort = server.port();
        }
        // run/endpoint still names the stopped service: connection refused -> JVM -> local policy.
        String cline = """
                {"clineVersion":"3.36.0","hookName":"PreToolUse","timestamp":"1","taskId":"t1","workspaceRoots":["/srv/app"],
                 "userId":"u","preToolUse":{"toolName":"read_file","parameters":{"path":".env"}}}""";
        Run r = hook(home, "cline", cline, Map.of());
        assertEquals(0, r.exit(), r.stderr());
        JsonNode cancel = JSON.readTree(r.stdout());
        assertTrue(cancel.get("cancel").asBoolean(), r.stdout());
        assertTrue(cancel.get("errorMessage").asText().contains("not running"), r.stdout());
        assertTrue(cancel.get("errorMessage").asText().contains(Integer.toString(deadPort)), r.stdout());

        // No endpoint at all; Claude in bypass mode cannot be trusted with a native ask, so it is a deny.
        Path empty = Files.createDirectories(tmp.resolve("home-empty"));
        Run claude = hook(empty, "claude-code", claudeRead("/srv/app/.env", "bypassPermissions"), Map.of());
        JsonNode out = JSON.readTree(claude.stdout()).get("hookSpecificOutput");
        assertEquals("deny", out.get("permissionDecision").asText());
        assertTrue(out.get("permissionDecisionReason").asText().contains("start Interlock"), claude.stdout());

        // Allowed by policy stays allowed offline (no opinion), so a stopped service does not brick the agent.
        assertEquals(new Run(0, "", ""), hook(empty, "claude-code", claudeRead("/srv/app/main.py", "default"), Map.of()));
    }

    @Test
    void noJvmFallbackMeansExit2() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home-nojvm"));
        Run r = hook(home, "windsurf", "{}", Map.of("INTERLOCK_APP_HOME", tmp.resolve("nowhere").toString()));
        assertEquals(2, r.exit());
        assertTrue(r.stderr().contains("Start Interlock"), r.stderr());
    }
}
