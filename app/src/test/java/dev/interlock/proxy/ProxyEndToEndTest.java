package dev.interlock.proxy;

import static dev.interlock.proxy.ProxyFixture.DEAD;
import static dev.interlock.proxy.ProxyFixture.DEAD_TUNNEL;
import static dev.interlock.proxy.ProxyFixture.RAILWAY;
import static dev.interlock.proxy.ProxyFixture.RAILWAY_COM;
import static dev.interlock.proxy.ProxyFixture.TUNNELLED;
import static dev.interlock.proxy.ProxyFixture.UPLOADS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlock.action.Action;
import dev.interlock.action.HttpCall;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyEndToEndTest {
    private static final Duration DEADLINE = Duration.ofMillis(3000);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRAPHQL = "https://" + RAILWAY + "/graphql/v2";

    @TempDir
    static Path dir;
    ProxyFixture fx;
    HttpClient client;

    @BeforeAll
    void start() throws Exception {
        fx = new ProxyFixture(dir, TestPolicy.engine(), DEADLINE);
        client = fx.client(fx.ca.certificate());
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    @BeforeEach
    void clean() {
        fx.servers.values().forEach(s -> s.seen.clear());
        fx.exchanges.clear();
        fx.holdingGuard.seen.clear();
        fx.holdingGuard.everHeld.clear();
    }

    private HttpRequest graphql(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer rw_live_3f6c2a9d0b1e4f7a")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(60))
                .build();
    }

    @Test
    void aReadOnlyQueryPassesAndReturnsTheServersAnswerOverHttp11() throws Exception {
        HttpResponse<String> r = client.send(graphql(GRAPHQL, "{\"query\":\"query { me { name } }\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(HttpClient.Version.HTTP_1_1, r.version(), "ALPN must settle on HTTP/1.1");
        assertTrue(r.body().contains("staging-owner"), r.body());
        assertEquals("test", r.headers().firstValue("X-Provider").orElse(null));
        X509Certificate peer = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
        assertEquals(fx.ca.certificate().getSubjectX500Principal(), peer.getIssuerX500Principal(),
                "an inspected host is served with a certificate from Interlock's CA");
        assertEquals(1, fx.server(RAILWAY).seen.size());
        assertEquals("Bearer rw_live_3f6c2a9d0b1e4f7a", fx.server(RAILWAY).seen.get(0).authorization());
        HttpCall call = (HttpCall) fx.holdingGuard.seen.get(0);
        assertEquals("POST", call.method());
        assertEquals(GRAPHQL, call.url());
        assertEquals("{\"query\":\"query { me { name } }\"}", call.body());
        assertTrue(call.header("authorization").isPresent());
        ProxyExchange ex = awaitExchange(ProxyExchange.Outcome.FORWARDED);
        assertEquals(200, ex.status());
        assertTrue(ex.bytes() > 10);
    }

    @Test
    void volumeDeleteInEveryShapeIsHeldThenDeniedAtItsDeadlineAndNeverSent() throws Exception {
        List<String> bodies = List.of(
                "{\"query\":\"mutation { volumeDelete(volumeId: \\\"3f6c\\\") }\"}",
                "{\"query\":\"mutation { cleanup: volumeDelete(volumeId: \\\"3f6c\\\") }\"}",
                "{\"query\":\"mutation Reset($id: String!) { volumeDelete(volumeId: $id) }\",\"variables\":{\"id\":\"3f6c\"}}",
                "[{\"query\":\"query { me { name } }\"},{\"query\":\"mutation { volumeDelete(volumeId: \\\"3f6c\\\") }\"}]");
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (String b : bodies) {
            sent.add(client.sendAsync(graphql(GRAPHQL, b), HttpResponse.BodyHandlers.ofString()));
        }
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (fx.holdingGuard.everHeld.size() < bodies.size() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(bodies.size(), fx.holdingGuard.everHeld.size(), "each one is held for approval");
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> r = f.get();
            assertEquals(403, r.statusCode(), r.body());
            JsonNode j = JSON.readTree(r.body());
            assertEquals("blocked_by_interlock", j.get("error").asText());
            assertEquals("testrail/volume-delete", j.get("rule").asText());
            assertEquals("timeout", j.get("decided_by").asText());
            assertTrue(j.get("approval_id").asText().startsWith("t"));
            assertTrue(j.get("how_to_approve").asText().contains(j.get("approval_id").asText()));
            assertEquals(j.get("approval_id").asText(), r.headers().firstValue("X-Interlock-Approval").orElseThrow());
        }
        assertEquals(List.of(), fx.server(RAILWAY).seen, "the provider saw nothing");
        assertEquals(4, fx.exchanges(ProxyExchange.Outcome.BLOCKED).size());
    }

    @Test
    void approvalReleasesTheHeldRequestExactlyOnce() throws Exception {
        String body = "{\"query\":\"mutation { volumeDelete(volumeId: \\\"3f6c\\\") }\"}";
        CompletableFuture<HttpResponse<String>> first = client.sendAsync(graphql(GRAPHQL, body),
                HttpResponse.BodyHandlers.ofString());
        HoldingGuard.Held held = fx.holdingGuard.awaitPending(Duration.ofSeconds(30));
        assertEquals(List.of(), fx.server(RAILWAY).seen);
        fx.holdingGuard.answer(held.id(), true);
        HttpResponse<String> r = first.get();
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("staging-owner"));
        assertEquals(1, fx.server(RAILWAY).seen.size());
        assertEquals(body, fx.server(RAILWAY).seen.get(0).text(), "the body arrives byte for byte");

        CompletableFuture<HttpResponse<String>> again = client.sendAsync(graphql(GRAPHQL, body),
                HttpResponse.BodyHandlers.ofString());
        HoldingGuard.Held second = fx.holdingGuard.awaitPending(Duration.ofSeconds(30));
        fx.holdingGuard.answer(second.id(), false);
        assertEquals(403, again.get().statusCode());
        assertEquals(1, fx.server(RAILWAY).seen.size(), "an approval covers one request, not the next");
    }

    @Test
    void aDenyRuleAnswersAtOnceWithoutAnApprovalId() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(GRAPHQL))
                        .header("Accept", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"mutation { projectDelete(id: \\\"p\\\") }\"}"))
                        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(r.body().contains("testrail/project-delete"), r.body());
        assertTrue(r.body().contains("nothing was sent"), r.body());
        assertEquals(List.of(), fx.server(RAILWAY).seen);
    }

    @Test
    void theSecondRailwayHostIsInspectedToo() throws Exception {
        HttpResponse<String> r = client.send(graphql("https://" + RAILWAY_COM + "/graphql/v2",
                "{\"query\":\"mutation { volumeDelete(volumeId: \\\"x\\\") }\"}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
        assertEquals(List.of(), fx.server(RAILWAY_COM).seen);
    }

    @Test
    void aTunnelledHostIsNotDecrypted() throws Exception {
        // This client trusts only the provider's CA: it works only if the proxy does not intercept.
        HttpClient plain = fx.client(fx.providerCa.certificate());
        HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create("https://" + TUNNELLED + "/x")).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        X509Certificate peer = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
        assertEquals(fx.providerCa.certificate().getSubjectX500Principal(), peer.getIssuerX500Principal(),
                "the client sees the real server's certificate");
        assertEquals(1, fx.server(TUNNELLED).seen.size());
        assertTrue(fx.holdingGuard.seen.isEmpty(), "tunnelled traffic never reaches the guard");
    }

    @Test
    void keepAliveCarriesManyRequestsOverOneTunnel() throws Exception {
        HttpClient fresh = fx.client(fx.ca.certificate());
        long before = fx.proxy.acceptedConnections();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = fresh.send(graphql(GRAPHQL, "{\"query\":\"query { me { name } }\"}"),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        }
        assertEquals(1, fx.proxy.acceptedConnections() - before);
        assertEquals(20, fx.server(RAILWAY).seen.size());
        assertEquals(1, fx.server(RAILWAY).seen.stream().map(ProviderServer.Seen::fromPort).distinct().count(),
                "upstream, the proxy reuses one keep-alive connection too");
    }

    @Test
    void aLargeDownloadIsStreamedThroughAnInspectedHost() throws Exception {
        long n = 24L * 1024 * 1024 + 17;
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create("https://" + RAILWAY + "/big?n=" + n))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        long total = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[65536];
            int k;
            while ((k = in.read(buf)) > 0) {
                total += k;
            }
        }
        assertEquals(n, total);
    }

    @Test
    void aLargeUploadIsFlaggedTruncatedAndStillArrivesWholeWhenAllowed() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 5];
        new Random(7).nextBytes(big);
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("https://" + UPLOADS + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertArrayEquals(big, r.body());
        HttpCall call = (HttpCall) fx.holdingGuard.seen.get(0);
        assertTrue(call.bodyTruncated());
        assertArrayEquals(fx.server(UPLOADS).seen.get(0).body(), big);
    }

    @Test
    void aLargeBodyToAHostWhoseRulesReadBodiesFailsClosed() throws Exception {
        String pad = "x".repeat(2 * 1024 * 1024);
        HttpResponse<String> r = client.send(graphql(GRAPHQL, "{\"query\":\"query { me { name } }\",\"pad\":\"" + pad + "\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
        assertEquals(List.of(), fx.server(RAILWAY).seen);
    }

    @Test
    void aClientThatHangsUpWhileHeldIsNoLongerWaitedForAndNothingIsSent() throws Exception {
        SSLSocket s = fx.tlsThroughProxy(RAILWAY);
        String body = "{\"query\":\"mutation { volumeDelete(volumeId: \\\"3f6c\\\") }\"}";
        OutputStream out = s.getOutputStream();
        out.write(("POST /graphql/v2 HTTP/1.1\r\nHost: " + RAILWAY + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        out.flush();
        HoldingGuard.Held held = fx.holdingGuard.awaitPending(Duration.ofSeconds(30));
        s.close();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!fx.holdingGuard.stoppedWaiting.contains(held.id()) && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertTrue(fx.holdingGuard.stoppedWaiting.contains(held.id()), "the guard learns the client stopped waiting");
        awaitExchange(ProxyExchange.Outcome.CLIENT_GONE);
        assertEquals(List.of(), fx.server(RAILWAY).seen);
    }

    @Test
    void malformedRequestsGetAClearError() throws Exception {
        String garbage = fx.raw("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(garbage.startsWith("HTTP/1.1 400"), garbage);
        assertTrue(garbage.contains("\"error\":\"malformed_request\"") || garbage.contains("not_a_proxy_request"), garbage);

        String origin = fx.raw("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(origin.startsWith("HTTP/1.1 400"), origin);
        assertTrue(origin.contains("not_a_proxy_request"), origin);

        String badConnect = fx.raw("CONNECT nohostport HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(badConnect.startsWith("HTTP/1.1 400"), badConnect);
        assertTrue(badConnect.contains("bad_connect_target"), badConnect);

        String huge = "GET http://example.invalid/ HTTP/1.1\r\nHost: example.invalid\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n";
        String tooBig = fx.raw(huge.getBytes(StandardCharsets.US_ASCII));
        assertTrue(tooBig.startsWith("HTTP/1.1 431"), tooBig);
        assertTrue(tooBig.contains("headers_too_large"), tooBig);

        String longLine = fx.raw(("GET http://example.invalid/" + "a".repeat(20_000) + " HTTP/1.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertTrue(longLine.startsWith("HTTP/1.1 414"), longLine);
    }

    @Test
    void malformedRequestsInsideAnInterceptedTunnelGetAClearError() throws Exception {
        try (SSLSocket s = fx.tlsThroughProxy(RAILWAY)) {
            s.getOutputStream().write("POST /graphql/v2 HTTP/1.1\r\nHost: backboard.railway.app\r\nContent-Length: zz\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        }
        try (SSLSocket s = fx.tlsThroughProxy(RAILWAY)) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 421"), answer);
        }
        assertEquals(List.of(), fx.server(RAILWAY).seen);
    }

    @Test
    void anUpgradeToAnythingButWebSocketIsDroppedAndAnsweredInHttp11() throws Exception {
        // h2c would carry every later request in HTTP/2 frames the proxy does not read: the Upgrade is not passed on.
        try (SSLSocket s = fx.tlsThroughProxy(RAILWAY)) {
            s.getOutputStream().write(("GET /graphql/v2 HTTP/1.1\r\nHost: " + RAILWAY + "\r\nConnection: Upgrade, "
                    + "HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String head = ProxyFixture.readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
        }
        assertEquals(1, fx.server(RAILWAY).seen.size());
    }

    @Test
    void anUnreachableServerGetsA502WithAClearBody() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://" + DEAD + "/x")).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(502, r.statusCode());
        JsonNode j = JSON.readTree(r.body());
        assertEquals("upstream_unreachable", j.get("error").asText());
        assertTrue(j.get("message").asText().contains(DEAD + ":443"), r.body());
        assertEquals(ProxyExchange.Outcome.UPSTREAM_FAILED, awaitExchange(ProxyExchange.Outcome.UPSTREAM_FAILED).outcome());

        String tunnel = fx.raw(("CONNECT " + DEAD_TUNNEL + ":443 HTTP/1.1\r\nHost: " + DEAD_TUNNEL + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertTrue(tunnel.startsWith("HTTP/1.1 502"), tunnel);
        assertTrue(tunnel.contains("cannot connect to " + DEAD_TUNNEL), tunnel);
    }

    @Test
    void anUntrustedUpstreamCertificateIsRefused() throws Exception {
        // uploads.test presents a provider-CA certificate, which this proxy's upstream trust (provider CA) accepts;
        // a proxy whose upstream trusts only Interlock's own CA must refuse it.
        try (ProxyServer strict = ProxyServer.start(ProxyConfig.defaults(0, InspectHosts.of(List.of(UPLOADS)))
                .withUpstream(Upstream.redirectedForTests(java.util.Map.of(UPLOADS + ":443", fx.server(UPLOADS).address()),
                        fx.ca.certificate())), fx.holdingGuard, fx.ca, null)) {
            HttpClient c = HttpClient.newBuilder().proxy(java.net.ProxySelector.of(strict.address()))
                    .sslContext(ProxyFixture.trusting(fx.ca.certificate())).build();
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("https://" + UPLOADS + "/x")).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(502, r.statusCode());
            assertTrue(r.body().contains("TLS with " + UPLOADS), r.body());
        }
        assertEquals(List.of(), fx.server(UPLOADS).seen);
    }

    private ProxyExchange awaitExchange(ProxyExchange.Outcome outcome) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            List<ProxyExchange> l = fx.exchanges(outcome);
            if (!l.isEmpty()) {
                return l.get(0);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no " + outcome + " exchange; saw " + fx.exchanges);
    }

    @SuppressWarnings("unused")
    private static boolean isHttp(Action a) {
        return a instanceof HttpCall;
    }
}
