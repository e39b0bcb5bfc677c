package dev.interlock.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code payloads through the shipped sh client into the real service ({@code interlock serve --headless},
 * a real process with its own data directory), then with the service stopped.
 */
class ServiceEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    static String claudeRead(String path, String mode) {
        return HookClientTest.claudeRead(path, mode);
    }

    @Test
    void claudeCodeThroughTheRealServiceAndWithItStopped() throws Exception {
        Path dist = TestDistribution.build(tmp.resolve("dist"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/interlock").toString(), "serve",
                "--headless", "--deadline", "8s", "--port", "0");
        pb.environment().put("INTERLOCK_HOME", home.toString());
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve("serve.log").toFile());
        Process service = pb.start();
        try {
            awaitListening(home, service);
            assertEquals(new HookClientTest.Run(0, "", ""),
                    HookClientTest.hook(dist, home, "claude-code", claudeRead("/srv/app/main.py", "default"), Map.of()));

            HookClientTest.Run deny = HookClientTest.hook(dist, home, "claude-code", claudeRead("/home/dev/.ssh/id_rsa", "default"), Map.of());
            JsonNode out = JSON.readTree(deny.stdout()).get("hookSpecificOutput");
            assertEquals("deny", out.get("permissionDecision").asText());
            assertTrue(out.get("permissionDecisionReason").asText().contains("hooktest/ssh-key-read"), deny.stdout());

            long t0 = System.nanoTime();
            HookClientTest.Run held = HookClientTest.hook(dist, home, "claude-code", claudeRead("/srv/app/.env", "default"), Map.of());
            long heldMs = (System.nanoTime() - t0) / 1_000_000;
            JsonNode h = JSON.readTree(held.stdout()).get("hookSpecificOutput");
            assertEquals("deny", h.get("permissionDecision").asText(), "an unanswered ask is denied at its deadline");
            assertTrue(h.get("permissionDecisionReason").asText().contains("approval"), held.stdout());
            assertTrue(heldMs >= 7900, "held until the 8 s deadline, was " + heldMs + " ms");

            // a human approving the pending ask (what `interlock approvals` does) releases the waiting agent
            ProcessBuilder waiting = new ProcessBuilder(dist.resolve("share/hooks/interlock-hook").toString(), "claude-code");
            waiting.environment().put("INTERLOCK_HOME", home.toString());
            waiting.redirectOutput(tmp.resolve("approved.out").toFile()).redirectError(tmp.resolve("approved.err").toFile());
            Process agent = waiting.start();
            agent.getOutputStream().write(claudeRead("/srv/other/.env", "default").getBytes(StandardCharsets.UTF_8));
            agent.getOutputStream().close();
            int port = Integer.parseInt(Files.readString(home.resolve("run/endpoint")).strip());
            dev.interlock.server.ControlClient admin = new dev.interlock.server.ControlClient(port,
                    Files.readString(home.resolve("run/admin-token")).strip());
            String id = null;
            for (int i = 0; i < 60 && id == null; i++) {
                JsonNode pending = admin.get("/v1/approvals", java.time.Duration.ofSeconds(5)).json().path("pending");
                id = pending.isEmpty() ? null : pending.get(0).path("id").asText(null);
                if (id == null) {
                    Thread.sleep(100);
                }
            }
            assertTrue(id != null, "the ask is pending");
            com.fasterxml.jackson.databind.node.ObjectNode yes = JSON.createObjectNode().put("allow", true);
            yes.putObject("grant").put("lifetime", "session").put("scope", "exact");
            assertEquals(200, admin.post("/v1/approvals/" + id, yes, java.time.Duration.ofSeconds(5)).status());
            assertTrue(agent.waitFor(30, TimeUnit.SECONDS));
            assertEquals("allow", JSON.readTree(Files.readString(tmp.resolve("approved.out")))
                    .at("/hookSpecificOutput/permissionDecision").asText(), Files.readString(tmp.resolve("approved.err")));

            // the session grant covers the same read again at once, until Claude Code says the session ended
            HookClientTest.Run again = HookClientTest.hook(dist, home, "claude-code", claudeRead("/srv/other/.env", "default"), Map.of());
            assertTrue(JSON.readTree(again.stdout()).at("/hookSpecificOutput/permissionDecisionReason").asText()
                    .contains("grant:"), again.toString());
            assertEquals(1, admin.get("/v1/status", java.time.Duration.ofSeconds(5)).json().path("grants").asInt());
            String sessionEnd = """
                    {"session_id":"s1","transcript_path":"/t.jsonl","cwd":"/home/dev/project",
                     "hook_event_name":"SessionEnd","reason":"prompt_input_exit"}
                    """;
            assertEquals(new HookClientTest.Run(0, "", ""), HookClientTest.hook(dist, home, "claude-code", sessionEnd, Map.of()));
            assertEquals(0, admin.get("/v1/status", java.time.Duration.ofSeconds(5)).json().path("grants").asInt(),
                    "the session's grants ended with it");

            Path plugin = opencodePlugin(dist);
            assertEquals(List.of("allow", "deny: hooktest/ssh-key-read"),
                    node(plugin, home, "[[\"read\",{\"filePath\":\"/srv/app/main.py\"}],"
                            + "[\"read\",{\"filePath\":\"/home/dev/.ssh/id_rsa\"}]]"));

            HookClientTest.Run broken = HookClientTest.hook(dist, home, "claude-code", "{\"hook_event_name\":\"PreToolUse\"}", Map.of());
            assertEquals(2, broken.exit(), broken.toString());
            assertTrue(broken.stderr().contains("Blocked by Interlock"), broken.stderr());
        } finally {
            service.destroy();
            service.waitFor(20, TimeUnit.SECONDS);
        }
        HookClientTest.Run offline = HookClientTest.hook(dist, home, "claude-code", claudeRead("/srv/app/.env", "dontAsk"), Map.of());
        JsonNode o = JSON.readTree(offline.stdout()).get("hookSpecificOutput");
        assertEquals("deny", o.get("permissionDecision").asText(), offline.toString());
        assertTrue(o.get("permissionDecisionReason").asText().contains("start Interlock"), offline.stdout());
        assertEquals(List.of("deny: hooktest/ssh-key-read"),
                node(tmp.resolve("opencode/driver.mjs"), home, "[[\"read\",{\"filePath\":\"/home/dev/.ssh/id_rsa\"}]]"),
                "with the service stopped the plugin falls back to the client, which fails closed");
        HookClientTest.Run offlineAsk = HookClientTest.hook(dist, home, "claude-code", claudeRead("/srv/app/.env", "default"), Map.of());
        assertEquals("ask", JSON.readTree(offlineAsk.stdout()).at("/hookSpecificOutput/permissionDecision").asText(),
                "with the service down Claude's own prompt asks the human (default mode honours ask)");
    }

    /** The OpenCode plugin as `interlock install opencode` writes it, plus a driver that calls its hook. */
    Path opencodePlugin(Path dist) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("opencode"));
        String js = dev.interlock.hooks.install.Integrations.forAgent("opencode").orElseThrow().wire(Optional.empty(),
                new dev.interlock.hooks.install.HookTarget(dist.resolve("share/hooks/interlock-hook"), 300));
        Files.writeString(dir.resolve("interlock.mjs"), js);
        Files.writeString(dir.resolve("driver.mjs"), """
                import { InterlockGate } from "./interlock.mjs";
                const hooks = await InterlockGate({ directory: "/srv/app" });
                for (const [tool, args] of JSON.parse(process.argv[2])) {
                  try {
                    await hooks["tool.execute.before"]({ tool, sessionID: "ses_1", callID: "call_1" }, { args });
                    console.log("allow");
                  } catch (e) {
                    console.log("deny: " + (e.message.match(/hooktest\\/[a-z-]+/) || [e.message])[0]);
                  }
                }
                """);
        return dir.resolve("driver.mjs");
    }

    static List<String> node(Path driver, Path home, String cases) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", driver.toString(), cases);
        pb.environment().put("INTERLOCK_HOME", home.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    static void awaitListening(Path home, Process service) throws Exception {
        Path endpoint = home.resolve("run/endpoint");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(service.isAlive(), "service exited early");
            if (Files.exists(endpoint)) {
                String port = Files.readString(endpoint, StandardCharsets.US_ASCII).strip();
                if (!port.isEmpty()) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 200);
                        return;
                    } catch (java.io.IOException e) {
                        // not yet
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("service did not start listening");
    }
}
