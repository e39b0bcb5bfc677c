package dev.interlock.proxy;

import static dev.interlock.proxy.ProxyFixture.RAILWAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlock.action.HttpCall;
import dev.interlock.audit.AuditFilter;
import dev.interlock.audit.AuditRecord;
import dev.interlock.broker.HumanAnswer;
import dev.interlock.broker.PendingApproval;
import dev.interlock.config.DataDir;
import dev.interlock.service.GuardService;
import dev.interlock.service.Submission;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident, replayed against the real guard service (bundled packs, the Railway pack's GraphQL rule, the broker,
 * the SQLite audit log) with a real {@code curl} through the proxy. Railway's host is redirected (test-only) to a
 * local HTTPS server that records what reaches it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyIncidentTest {
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    private static final String TOKEN = "rw_9f2c4b7e1a6d3f8b0c5e2a7d4f1b8c3e";
    private static final String GRAPHQL = "https://" + RAILWAY + "/graphql/v2";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    GuardService guard;
    ProxyFixture fx;

    @BeforeAll
    void start() throws Exception {
        guard = GuardService.open(new DataDir(dir.resolve("home")), GuardService.Options.DEFAULT
                .withDeadline(DEADLINE).withWatchFiles(false));
        fx = new ProxyFixture(dir, guard.engine(), DEADLINE,
                (call, origin, gone) -> guard.decide(call, origin, Submission.proxy(gone)),
                e -> guard.attachResult(ProxyResults.report(e)));
    }

    @AfterAll
    void stop() {
        fx.close();
        guard.close();
    }

    @BeforeEach
    void clean() {
        fx.servers.values().forEach(s -> s.seen.clear());
        fx.exchanges.clear();
    }

    private Process curl(String body) throws Exception {
        if (body.length() > 64 * 1024) {
            Path file = java.nio.file.Files.createTempFile(dir, "body", ".json");
            java.nio.file.Files.writeString(file, body);
            body = "@" + file;
        }
        return new ProcessBuilder("curl", "-sS", "--max-time", "60", "--proxy", "http://127.0.0.1:" + fx.proxy.port(),
                "--cacert", fx.ca.certificateFile().toString(),
                "-H", "Authorization: Bearer " + TOKEN, "-H", "Content-Type: application/json",
                "--data-binary", body, GRAPHQL).redirectErrorStream(true).start();
    }

    private static String output(Process p) throws Exception {
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "curl finished");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private PendingApproval awaitPending() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            List<PendingApproval> p = guard.desk().pending();
            if (!p.isEmpty()) {
                return p.get(0);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("nothing pending");
    }

    @Test
    void theIncidentIsHeldShownDeniedAtTheDeadlineAuditedAndNeverSent() throws Exception {
        Process curl = curl("{\"query\":\"mutation { volumeDelete(volumeId: \\\"3f6c9b1e\\\") }\"}");
        PendingApproval shown = awaitPending();
        HttpCall held = (HttpCall) shown.action();
        assertEquals(GRAPHQL, held.url());
        assertEquals("railway/volume-delete", shown.decision().primary().orElseThrow().qualifiedId());
        assertTrue(shown.agentWaiting());
        assertTrue(curl.isAlive(), "curl is waiting for its answer");

        String out = output(curl);
        JsonNode j = JSON.readTree(out);
        assertEquals("blocked_by_interlock", j.get("error").asText(), out);
        assertEquals("railway/volume-delete", j.get("rule").asText());
        assertEquals("timeout", j.get("decided_by").asText());
        assertEquals(shown.id(), j.get("approval_id").asText());
        assertEquals(List.of(), fx.server(RAILWAY).seen, "Railway never saw the request");

        AuditRecord row = awaitAuditRow("action", shown.id());
        assertEquals("http", row.kind());
        assertEquals("deny", row.verdict());
        assertEquals("timeout", row.decidedBy());
        assertFalse(row.actionJson().contains(TOKEN), "the bearer token is masked in the audit log");
        AuditRecord result = awaitResult(row);
        assertEquals(403, result.exitCode());
        assertTrue(result.output().contains("nothing sent upstream"), result.output());
    }

    @Test
    void aReadOnlyQueryThroughCurlPassesAndItsUpstreamStatusIsAudited() throws Exception {
        String out = output(curl("{\"query\":\"query { me { name } }\"}"));
        assertTrue(out.contains("staging-owner"), out);
        assertEquals(1, fx.server(RAILWAY).seen.size());
        assertEquals("Bearer " + TOKEN, fx.server(RAILWAY).seen.get(0).authorization(), "headers are relayed intact");
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        AuditRecord result = null;
        while (result == null && System.nanoTime() < until) {
            for (AuditRecord r : guard.audit().query(AuditFilter.ALL, 0, 50)) {
                if ("action".equals(r.type()) && r.output() != null && r.output().startsWith("upstream answered HTTP 200")) {
                    result = r;
                }
            }
            Thread.sleep(20);
        }
        assertNotNull(result, "the request's audit row carries the upstream status and size");
        assertEquals("http", result.kind());
        assertEquals("allow", result.verdict());
        assertEquals(200, result.exitCode());
        assertTrue(result.output().matches("upstream answered HTTP 200, \\d+ bytes relayed"), result.output());
    }

    @Test
    void aliasVariablesAndBatchesAreHeldAndNeverSent() throws Exception {
        HttpClient client = fx.client(fx.ca.certificate());
        List<String> bodies = List.of(
                "{\"query\":\"mutation { tidy: volumeDelete(volumeId: \\\"3f6c9b1e\\\") }\"}",
                "{\"query\":\"mutation Reset($id: String!) { volumeDelete(volumeId: $id) }\",\"variables\":{\"id\":\"3f6c9b1e\"}}",
                "[{\"query\":\"query { me { name } }\"},{\"query\":\"mutation { volumeDelete(volumeId: \\\"3f6c9b1e\\\") }\"}]");
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (String b : bodies) {
            sent.add(client.sendAsync(HttpRequest.newBuilder(URI.create(GRAPHQL)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(b))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> r = f.get();
            assertEquals(403, r.statusCode(), r.body());
            assertEquals("railway/volume-delete", JSON.readTree(r.body()).get("rule").asText());
        }
        assertEquals(List.of(), fx.server(RAILWAY).seen);
    }

    @Test
    void aMutationBehindMoreThanTheInspectedBoundFailsClosed() throws Exception {
        String pad = "x".repeat(1024 * 1024 + 10);
        Process curl = curl("{\"variables\":{\"pad\":\"" + pad + "\"},\"query\":\"query { me { name } }\"}");
        PendingApproval p = awaitPending();
        assertTrue(((HttpCall) p.action()).bodyTruncated());
        guard.desk().answer(p.id(), HumanAnswer.deny("popup"));
        // Known gap: curl, still uploading, does not always show the 403 body for a refused oversized request;
        // what matters here is that nothing reached the server.
        output(curl);
        assertEquals(List.of(), fx.server(RAILWAY).seen, "a body the guard could not see whole is not sent unseen");
    }

    @Test
    void aHumanApprovalReleasesItOnceWithTheTypedTarget() throws Exception {
        String body = "{\"query\":\"mutation { volumeDelete(volumeId: \\\"3f6c9b1e\\\") }\"}";
        Process first = curl(body);
        PendingApproval p = awaitPending();
        guard.desk().answer(p.id(), HumanAnswer.allowOnce("popup", "3f6c9b1e"));
        String out = output(first);
        assertTrue(out.contains("staging-owner"), out);
        assertEquals(1, fx.server(RAILWAY).seen.size());

        Process again = curl(body);
        PendingApproval second = awaitPending();
        guard.desk().answer(second.id(), HumanAnswer.deny("popup"));
        assertTrue(output(again).contains("blocked_by_interlock"));
        assertEquals(1, fx.server(RAILWAY).seen.size(), "one approval, one request");
    }

    @Test
    void aClientThatHangsUpShowsAsNoLongerWaitingAndALaterApprovalSendsNothing() throws Exception {
        SSLSocket s = fx.tlsThroughProxy(RAILWAY);
        String body = "{\"query\":\"mutation { volumeDelete(volumeId: \\\"3f6c9b1e\\\") }\"}";
        OutputStream out = s.getOutputStream();
        out.write(("POST /graphql/v2 HTTP/1.1\r\nHost: " + RAILWAY + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        out.flush();
        PendingApproval p = awaitPending();
        s.close();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        boolean stopped = false;
        while (!stopped && System.nanoTime() < until) {
            stopped = guard.desk().pending().stream().anyMatch(x -> x.id().equals(p.id()) && !x.agentWaiting());
            Thread.sleep(10);
        }
        assertTrue(stopped, "the approval shows the client is no longer waiting");
        guard.desk().answer(p.id(), HumanAnswer.allowOnce("popup", "3f6c9b1e"));
        Thread.sleep(500);
        assertEquals(List.of(), fx.server(RAILWAY).seen, "nobody is waiting: nothing is sent");
    }

    private AuditRecord awaitAuditRow(String type, String approvalId) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            for (AuditRecord r : guard.audit().query(AuditFilter.ALL, 0, 200)) {
                if (type.equals(r.type()) && approvalId.equals(r.approvalId())) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type + " row for " + approvalId);
    }

    /** The action row again, once the proxy's result (upstream status, size) is attached to it. */
    private AuditRecord awaitResult(AuditRecord action) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            AuditRecord r = guard.audit().get(action.id());
            if (r != null && r.exitCode() != null) {
                return r;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no result row for action " + action.id());
    }
}
