package dev.interlock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.audit.AuditFilter;
import dev.interlock.audit.AuditRecord;
import dev.interlock.config.DataDir;
import dev.interlock.hooks.HookAdapters;
import dev.interlock.service.GuardService;
import dev.interlock.service.TestPacks;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {
    @TempDir
    Path tmp;

    private GuardService guard;
    private ControlServer server;
    private ControlClient hook;
    private ControlClient admin;
    private String hookToken;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    static final String ENV = "{\"action\":{\"kind\":\"file\",\"path\":\"/p/.env\",\"mode\":\"read\"},"
            + "\"origin\":{\"agent\":\"claude-code\",\"sessionId\":\"s1\",\"workspace\":\"/p\"}}";

    private void start(Duration deadline) throws Exception {
        guard = TestPacks.guard(tmp, deadline);
        server = ControlServer.start(guard, new HookAdapters().register(new TestAdapter()), 0);
        DataDir dir = guard.dataDir();
        hook = ControlClient.connect(dir, false).orElseThrow();
        admin = ControlClient.connect(dir, true).orElseThrow();
        hookToken = RunFiles.readToken(RunFiles.hookToken(dir));
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        if (server != null) {
            server.close();
        }
        if (guard != null) {
            guard.close();
        }
    }

    private JsonNode awaitPending() throws Exception {
        for (int i = 0; i < 500; i++) {
            ControlClient.Response r = admin.get("/v1/approvals", Duration.ofSeconds(5));
            if (r.json().path("pending").size() > 0) {
                return r.json().path("pending").get(0);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("nothing pending");
    }

    @Test
    void runFilesArePrivateAndNameThePort() throws Exception {
        start(Duration.ofSeconds(5));
        DataDir dir = guard.dataDir();
        assertEquals(server.port(), RunFiles.readEndpoint(dir).orElseThrow());
        for (Path f : List.of(RunFiles.endpoint(dir), RunFiles.hookToken(dir), RunFiles.adminToken(dir))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
        assertFalse(hookToken.equals(RunFiles.readToken(RunFiles.adminToken(dir))));
        server.close();
        server = null;
        assertFalse(Files.exists(RunFiles.endpoint(dir)), "endpoint removed on close");
    }

    @Test
    void refusesMissingCredentialsForeignHostsAndBrowsers() throws Exception {
        start(Duration.ofSeconds(5));
        int port = server.port();
        String auth = "Bearer " + hookToken;
        assertEquals(401, RawHttp.send(port, "GET", "/v1/status", Map.of(), null).status());
        assertEquals(401, RawHttp.send(port, "GET", "/v1/status", Map.of("Authorization", "Bearer nope"), null).status());
        assertEquals(200, RawHttp.send(port, "GET", "/v1/status", Map.of("Authorization", auth), null).status());
        assertEquals(200, RawHttp.send(port, "GET", "/v1/status", Map.of("Authorization", auth, "Host", "localhost:" + port), null).status());
        RawHttp.Reply rebind = RawHttp.send(port, "GET", "/v1/status", Map.of("Authorization", auth, "Host", "evil.example:" + port), null);
        assertEquals(403, rebind.status());
        assertTrue(rebind.body().contains("DNS rebinding"), rebind.body());
        assertEquals(403, RawHttp.send(port, "GET", "/v1/status", Map.of("Authorization", auth, "Host", "127.0.0.1:1"), null).status());
        RawHttp.Reply browser = RawHttp.send(port, "POST", "/v1/decide", Map.of("Authorization", auth, "Origin", "http://localhost:3000"), ENV);
        assertEquals(403, browser.status());
        assertEquals("2", browser.header("X-Interlock-Exit"));
        assertEquals(0, guard.audit().count(AuditFilter.ALL), "refused requests never reach the guard");
    }

    @Test
    void theHookCredentialCanNeverApproveFreezeOrList() throws Exception {
        start(Duration.ofSeconds(20));
        Future<ControlClient.Response> waiting = pool.submit(() -> hook.postRaw("/v1/decide", ENV, Duration.ofSeconds(30)));
        JsonNode p = awaitPending();
        String id = p.path("id").asText();
        assertEquals(403, hook.get("/v1/approvals", Duration.ofSeconds(5)).status());
        ControlClient.Response approve = hook.postRaw("/v1/approvals/" + id, "{\"allow\":true}", Duration.ofSeconds(5));
        assertEquals(403, approve.status());
        assertTrue(approve.error().contains("never approve"), approve.error());
        assertEquals(403, hook.postRaw("/v1/freeze", "{}", Duration.ofSeconds(5)).status());
        assertEquals(403, hook.postRaw("/v1/thaw", "{}", Duration.ofSeconds(5)).status());
        ControlClient.Response state = hook.get("/v1/approvals/" + id, Duration.ofSeconds(5));
        assertEquals("pending", state.json().path("state").asText(), "hooks may read their resolutions");
        assertFalse(waiting.isDone());
        admin.postRaw("/v1/approvals/" + id, "{\"allow\":false,\"surface\":\"terminal\"}", Duration.ofSeconds(5));
        assertEquals("deny", waiting.get(5, TimeUnit.SECONDS).json().path("verdict").asText());
        assertEquals("deny", hook.get("/v1/approvals/" + id, Duration.ofSeconds(5)).json().path("state").asText());
    }

    @Test
    void anAnswerThroughTheApprovalsApiReleasesTheWaitingCaller() throws Exception {
        start(Duration.ofSeconds(20));
        Future<ControlClient.Response> waiting = pool.submit(() -> hook.postRaw("/v1/decide", ENV, Duration.ofSeconds(30)));
        JsonNode p = awaitPending();
        assertEquals("claude-code", p.path("origin").path("agent").asText());
        assertEquals("test/secret-read", p.path("decision").path("rules").get(0).path("pack").asText() + "/"
                + p.path("decision").path("rules").get(0).path("id").asText());
        assertTrue(p.path("agentWaiting").asBoolean());
        ControlClient.Response ans = admin.postRaw("/v1/approvals/" + p.path("id").asText(),
                "{\"allow\":true,\"surface\":\"terminal\",\"grant\":{\"lifetime\":\"minutes\",\"minutes\":5}}", Duration.ofSeconds(5));
        assertEquals(200, ans.status(), ans.text());
        JsonNode res = waiting.get(5, TimeUnit.SECONDS).json();
        assertEquals("allow", res.path("verdict").asText());
        assertEquals("human:terminal", res.path("decidedBy").asText());
        JsonNode again = hook.postRaw("/v1/decide", ENV, Duration.ofSeconds(5)).json();
        assertTrue(again.path("decidedBy").asText().startsWith("grant:"), again.toString());
    }

    @Test
    void anUnansweredAskIsDeniedAtItsDeadlineAndCriticalNeedsTyping() throws Exception {
        start(Duration.ofMillis(600));
        ControlClient.Response r = hook.postRaw("/v1/decide", ENV, Duration.ofSeconds(10));
        assertEquals("deny", r.json().path("verdict").asText());
        assertEquals("timeout", r.json().path("decidedBy").asText());
        assertEquals("4", r.headers().firstValue("X-Interlock-Exit").orElseThrow());

        String drop = ENV.replace("/p/.env", "/p/prod.db").replace("\"read\"", "\"delete\"");
        Future<ControlClient.Response> waiting = pool.submit(() -> hook.postRaw("/v1/decide", drop, Duration.ofSeconds(30)));
        JsonNode p = awaitPending();
        assertEquals("/p/prod.db", p.path("typeToConfirm").asText());
        ControlClient.Response rejected = admin.postRaw("/v1/approvals/" + p.path("id").asText(), "{\"allow\":true}",
                Duration.ofSeconds(5));
        assertEquals(409, rejected.status());
        assertTrue(rejected.error().contains("type the target"), rejected.error());
        assertEquals("timeout", waiting.get(5, TimeUnit.SECONDS).json().path("decidedBy").asText());
    }

    @Test
    void aClientThatDisconnectsIsNoLongerWaitedFor() throws Exception {
        start(Duration.ofSeconds(20));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = s.getOutputStream();
            byte[] b = ENV.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /v1/decide HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nAuthorization: Bearer "
                    + hookToken + "\r\nContent-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(b);
            out.flush();
            assertTrue(awaitPending().path("agentWaiting").asBoolean());
        }
        for (int i = 0; i < 300 && guard.desk().pending().get(0).agentWaiting(); i++) {
            Thread.sleep(10);
        }
        assertFalse(guard.desk().pending().get(0).agentWaiting());
        for (int i = 0; i < 300 && guard.audit().count(AuditFilter.parse("decided:pending")) == 0; i++) {
            Thread.sleep(10);
        }
        List<AuditRecord> rows = guard.audit().query(AuditFilter.parse("decided:pending"), 0, 5);
        assertEquals(1, rows.size(), "the abandoned call is logged as pending");
    }

    @Test
    void aHoldEndsBeforeTheCallersOwnTimeout() throws Exception {
        start(Duration.ofSeconds(60));
        long t0 = System.nanoTime();
        ControlClient.Response r = hook.postRaw("/v1/hook/testagent?maxWait=0.5", "{\"path\":\"/p/.env\"}", Duration.ofSeconds(10));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // the approval's own deadline is 60 s: an answer well inside the client's 10 s proves the cap (slack for loaded CI)
        assertTrue(ms < 9000, "answered after " + ms + " ms");
        assertEquals("2", r.headers().firstValue("X-Interlock-Exit").orElseThrow());
        assertEquals("pending", r.headers().firstValue("X-Interlock-Decided-By").orElseThrow());
        assertEquals(1, guard.desk().pending().size(), "the approval stays open for a retry");
        assertFalse(guard.desk().pending().get(0).agentWaiting());
        JsonNode d = hook.postRaw("/v1/decide", ENV.replace("}}", "},\"maxWaitMs\":300}"), Duration.ofSeconds(10)).json();
        assertEquals("ask", d.path("verdict").asText());
        assertTrue(d.path("reason").asText().startsWith("denied: awaiting approval"), d.toString());
    }

    @Test
    void hookRequestsRunTheAdapterAndCarryTheExitCode() throws Exception {
        start(Duration.ofMillis(500));
        ControlClient.Response ok = hook.postRaw("/v1/hook/testagent", "{\"path\":\"/p/readme\",\"call\":\"c1\",\"session\":\"s\"}",
                Duration.ofSeconds(5));
        assertEquals(200, ok.status());
        assertEquals("{\"ok\":true}", ok.text());
        assertEquals("0", ok.headers().firstValue("X-Interlock-Exit").orElseThrow());

        ControlClient.Response denied = hook.postRaw("/v1/hook/testagent", "{\"path\":\"/etc/passwd\",\"mode\":\"write\"}",
                Duration.ofSeconds(5));
        assertEquals("2", denied.headers().firstValue("X-Interlock-Exit").orElseThrow());
        String stderr = new String(Base64.getDecoder().decode(denied.headers().firstValue("X-Interlock-Stderr-B64").orElseThrow()),
                StandardCharsets.UTF_8);
        assertTrue(stderr.contains("test/etc-write"), stderr);

        ControlClient.Response noWait = hook.postRaw("/v1/hook/testagent?wait=0", "{\"path\":\"/p/.env\"}", Duration.ofSeconds(5));
        assertEquals("2", noWait.headers().firstValue("X-Interlock-Exit").orElseThrow());
        assertTrue(new String(Base64.getDecoder().decode(noWait.headers().firstValue("X-Interlock-Stderr-B64").orElseThrow()),
                StandardCharsets.UTF_8).startsWith("denied: awaiting approval"));

        assertEquals("0", hook.postRaw("/v1/hook/testagent", "{\"event\":\"other\"}", Duration.ofSeconds(5))
                .headers().firstValue("X-Interlock-Exit").orElseThrow(), "unguarded events pass through");
        assertEquals("2", hook.postRaw("/v1/hook/testagent", "not json", Duration.ofSeconds(5))
                .headers().firstValue("X-Interlock-Exit").orElseThrow(), "unreadable payloads fail closed");
        assertEquals("2", hook.postRaw("/v1/hook/testagent", "{\"mode\":\"read\"}", Duration.ofSeconds(5))
                .headers().firstValue("X-Interlock-Exit").orElseThrow(), "payloads the adapter rejects fail closed");
        ControlClient.Response unknown = hook.postRaw("/v1/hook/nosuchagent", "{}", Duration.ofSeconds(5));
        assertEquals("2", unknown.headers().firstValue("X-Interlock-Exit").orElseThrow(), "an unknown agent fails closed");

        ControlClient.Response result = hook.postRaw("/v1/hook/testagent/result",
                "{\"session_id\":\"s\",\"tool_use_id\":\"c1\",\"tool_response\":{\"stdout\":\"hello\",\"exit_code\":3}}",
                Duration.ofSeconds(5));
        assertEquals(200, result.status(), result.text());
        AuditRecord action = guard.audit().query(AuditFilter.parse("type:action agent:testagent"), 0, 10).stream()
                .filter(r -> "c1".equals(r.toolCallId())).findFirst().orElseThrow();
        assertEquals(3, action.exitCode());
        assertEquals("hello", action.output());
        assertEquals("{\"ok\":true}", action.reply(), "the reply the agent read is in the same row");
    }

    @Test
    void badRequestsNameTheProblem() throws Exception {
        start(Duration.ofSeconds(5));
        ControlClient.Response r = hook.postRaw("/v1/decide", "{\"action\":{\"kind\":\"file\",\"mode\":\"read\"}}", Duration.ofSeconds(5));
        assertEquals(400, r.status());
        assertTrue(r.error().contains("\"path\""), r.error());
        assertEquals(404, hook.get("/v1/nothing", Duration.ofSeconds(5)).status());
        assertEquals(405, hook.get("/v1/decide", Duration.ofSeconds(5)).status());
        assertEquals(409, admin.postRaw("/v1/approvals/zzzzzz", "{\"allow\":true}", Duration.ofSeconds(5)).status());
    }

    @Test
    void freezeAndThawThroughTheAdminCredential() throws Exception {
        start(Duration.ofSeconds(5));
        assertEquals(200, admin.postRaw("/v1/freeze", "{\"by\":\"test\"}", Duration.ofSeconds(5)).status());
        assertTrue(hook.status().orElseThrow().path("frozen").asBoolean());
        JsonNode r = hook.postRaw("/v1/decide", ENV, Duration.ofSeconds(5)).json();
        assertEquals("killswitch", r.path("decidedBy").asText());
        admin.postRaw("/v1/thaw", "{}", Duration.ofSeconds(5));
        assertFalse(hook.status().orElseThrow().path("frozen").asBoolean());
    }
    @Test
    void pauseLivesInTheGuardCriticalStillAsksAndDenialsStayDenied() throws Exception {
        start(Duration.ofMillis(1500));
        assertEquals(403, hook.postRaw("/v1/pause", "{\"minutes\":15}", Duration.ofSeconds(5)).status(),
                "an agent's credential can never pause its guard");
        assertFalse(hook.status().orElseThrow().path("paused").asBoolean());
        // an ask already waiting is released by the pause
        Future<ControlClient.Response> waiting = pool.submit(() -> hook.postRaw("/v1/decide", ENV, Duration.ofSeconds(30)));
        awaitPending();
        ControlClient.Response paused = admin.postRaw("/v1/pause", "{\"minutes\":15,\"by\":\"test\"}", Duration.ofSeconds(5));
        assertEquals(200, paused.status(), paused.text());
        assertEquals("pause", waiting.get(5, TimeUnit.SECONDS).json().path("decidedBy").asText());
        JsonNode status = hook.status().orElseThrow();
        assertTrue(status.path("paused").asBoolean());
        java.time.Instant until = java.time.Instant.parse(status.path("pausedUntil").asText());
        assertTrue(until.isAfter(java.time.Instant.now().plusSeconds(14 * 60)), until.toString());
        assertTrue(status.path("pauseSemantics").asText().contains("critical actions and production targets still ask"));

        // high: allowed at once, recorded as decided by the pause
        JsonNode high = hook.postRaw("/v1/decide", ENV, Duration.ofSeconds(5)).json();
        assertEquals("allow", high.path("verdict").asText());
        assertEquals("pause", high.path("decidedBy").asText());
        // critical: still held for a human, and denied when nobody answers
        String drop = ENV.replace("/p/.env", "/p/prod.db").replace("\"read\"", "\"delete\"");
        JsonNode critical = hook.postRaw("/v1/decide", drop, Duration.ofSeconds(10)).json();
        assertEquals("deny", critical.path("verdict").asText());
        assertEquals("timeout", critical.path("decidedBy").asText());
        // a policy denial is not an ask: the pause does not touch it
        String etc = ENV.replace("/p/.env", "/etc/passwd").replace("\"read\"", "\"write\"");
        assertEquals("policy", hook.postRaw("/v1/decide", etc, Duration.ofSeconds(5)).json().path("decidedBy").asText());
        // the kill switch wins over a pause
        admin.postRaw("/v1/freeze", "{}", Duration.ofSeconds(5));
        assertEquals("killswitch", hook.postRaw("/v1/decide", ENV, Duration.ofSeconds(5)).json().path("decidedBy").asText());
        admin.postRaw("/v1/thaw", "{}", Duration.ofSeconds(5));
        assertEquals(2, guard.audit().count(AuditFilter.parse("decided:pause")), "what the pause let through is audited");

        assertEquals(200, admin.postRaw("/v1/resume", "{}", Duration.ofSeconds(5)).status());
        assertFalse(hook.status().orElseThrow().path("paused").asBoolean());
        assertEquals("timeout", hook.postRaw("/v1/decide", ENV, Duration.ofSeconds(10)).json().path("decidedBy").asText(),
                "after resume every ask waits for a human again");

        ControlClient.Response zero = admin.postRaw("/v1/pause", "{\"minutes\":0}", Duration.ofSeconds(5));
        assertEquals(400, zero.status());
        ControlClient.Response tooLong = admin.postRaw("/v1/pause", "{\"minutes\":600}", Duration.ofSeconds(5));
        assertEquals(400, tooLong.status());
        assertTrue(tooLong.error().contains("8 hours"), tooLong.error());
    }

    @Test
    void aPauseNeverCoversCriticalOrProduction() {
        dev.interlock.policy.RuleMatch high = new dev.interlock.policy.RuleMatch("t", "r", dev.interlock.policy.Severity.HIGH,
                dev.interlock.policy.Verdict.ASK, "x", null, null);
        dev.interlock.policy.Decision d = dev.interlock.policy.Decision.of(java.util.List.of(high));
        assertTrue(dev.interlock.broker.Broker.pauseCovers(d));
        assertFalse(dev.interlock.broker.Broker.pauseCovers(new dev.interlock.policy.Decision(d.verdict(), d.severity(),
                d.matches(), d.notes(), "production")));
        assertFalse(dev.interlock.broker.Broker.pauseCovers(new dev.interlock.policy.Decision(d.verdict(), d.severity(),
                d.matches(), d.notes(), "prod-eu")));
        assertTrue(dev.interlock.broker.Broker.pauseCovers(new dev.interlock.policy.Decision(d.verdict(), d.severity(),
                d.matches(), d.notes(), "staging")));
        assertFalse(dev.interlock.broker.Broker.pauseCovers(d.escalate(dev.interlock.policy.Severity.CRITICAL,
                dev.interlock.policy.Verdict.ASK, "uses a credential found outside the workspace")));
    }
}
