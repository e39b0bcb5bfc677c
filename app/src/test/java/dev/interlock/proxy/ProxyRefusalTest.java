package dev.interlock.proxy;

import static dev.interlock.proxy.ProxyFixture.RAILWAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused request whose body is still being uploaded: the client (real curl) must read the 403, not a reset. The
 * proxy answers, then keeps reading and dropping the rest of the body (bounded) before it closes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyRefusalTest {
    private static final int FIVE_MIB = 5 * 1024 * 1024;

    @TempDir
    static Path dir;
    ProxyFixture fx;

    @BeforeAll
    void start() throws Exception {
        fx = new ProxyFixture(dir, TestPolicy.engine(), java.time.Duration.ofMillis(1500));
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    @BeforeEach
    void clean() {
        fx.servers.values().forEach(s -> s.seen.clear());
    }

    /** A 5 MiB GraphQL body whose first bytes name the operation, padded to {@code size}. */
    private Path body(String operation, int size) throws IOException {
        String head = "{\"query\":\"mutation { " + operation + " }\",\"pad\":\"";
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) 'x');
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(h, 0, b, 0, h.length);
        b[size - 2] = '"';
        b[size - 1] = '}';
        Path f = Files.createTempFile(dir, "body", ".json");
        Files.write(f, b);
        return f;
    }

    private record Curl(int exit, String out, String err) {
    }

    private Curl curl(Path body, String... extra) throws Exception {
        return curl(fx, body, extra);
    }

    private Curl curl(ProxyFixture fx, Path body, String... extra) throws Exception {
        Path caPem = Files.createTempFile(dir, "ca", ".pem");
        Files.writeString(caPem, LocalCa.pem(fx.ca.certificate()));
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60",
                "--proxy", "http://127.0.0.1:" + fx.proxy.port(), "--cacert", caPem.toString(),
                "-H", "Content-Type: application/json", "--data-binary", "@" + body,
                "-w", "\nstatus=%{http_code}\n"));
        cmd.addAll(List.of(extra));
        cmd.add("https://" + RAILWAY + "/graphql/v2");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        for (String v : List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy",
                "NO_PROXY", "no_proxy", "CURL_CA_BUNDLE", "SSL_CERT_FILE")) {
            pb.environment().remove(v);
        }
        Path out = Files.createTempFile(dir, "curl", ".out");
        Path err = Files.createTempFile(dir, "curl", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "curl finished");
        return new Curl(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void assertSaw403(Curl c, String rule) {
        assertEquals(0, c.exit(), "curl must not see a reset: " + c.err() + c.out());
        assertTrue(c.out().contains("status=403"), c.out() + c.err());
        assertTrue(c.out().contains("\"error\":\"blocked_by_interlock\""), c.out());
        assertTrue(c.out().contains(rule), c.out());
    }

    @Test
    void curlUploadingFiveMibToADeniedEndpointPrintsThe403Body() throws Exception {
        Path b = body("projectDelete(id: \\\"p\\\")", FIVE_MIB);
        for (int i = 0; i < 4; i++) {
            assertSaw403(curl(b), "testrail/project-delete");
            // without Expect: 100-continue the whole body is on its way before any answer
            assertSaw403(curl(b, "-H", "Expect:"), "testrail/project-delete");
        }
        assertEquals(List.of(), fx.server(RAILWAY).seen, "nothing reached the provider");
    }

    @Test
    void aSlowUploaderStillReadsThe403() throws Exception {
        // About 3.5 s to send 5 MiB: the proxy answers at once and must keep reading until the client is done.
        Path b = body("projectDelete(id: \\\"p\\\")", FIVE_MIB);
        assertSaw403(curl(b, "-H", "Expect:", "--limit-rate", "1500K"), "testrail/project-delete");
        assertEquals(List.of(), fx.server(RAILWAY).seen, "nothing reached the provider");
    }

    @Test
    void aClientThatWritesItsWholeBodyBeforeReadingStillGetsThe403() throws Exception {
        // Many HTTP libraries send the whole body before they read anything; this one takes about 3 s to send it.
        byte[] body = Files.readAllBytes(body("projectDelete(id: \\\"p\\\")", FIVE_MIB));
        try (SSLSocket s = fx.tlsThroughProxy(RAILWAY)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /graphql/v2 HTTP/1.1\r\nHost: " + RAILWAY + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            int step = 64 * 1024;
            for (int off = 0; off < body.length; off += step) {
                out.write(body, off, Math.min(step, body.length - off));
                out.flush();
                Thread.sleep(40);
            }
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            assertTrue(answer.contains("testrail/project-delete"), answer);
        }
        assertEquals(List.of(), fx.server(RAILWAY).seen, "nothing reached the provider");
    }

    @Test
    void curlUploadingFiveMibThatIsHeldBeforeItsDenialPrintsThe403Body() throws Exception {
        // The body is back-pressured while the request is held; the 403 comes mid-upload, after the wait.
        ProxyGuard slowDeny = (call, origin, gone) -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ClientHandler.failClosed(call, "held, then denied (test)");
        };
        ProxyFixture held = new ProxyFixture(dir.resolve("held"), TestPolicy.engine(), java.time.Duration.ofSeconds(5),
                slowDeny, null);
        try {
            Path b = body("volumeDelete(volumeId: \\\"v\\\")", FIVE_MIB);
            assertSaw403(curl(held, b, "-H", "Expect:"), "interlock/proxy-guard-failed");
            assertSaw403(curl(held, b), "interlock/proxy-guard-failed");
            assertEquals(List.of(), held.server(RAILWAY).seen, "nothing reached the provider");
        } finally {
            held.close();
        }
    }

    @Test
    void aPlainHttpUploadToAnInspectedHostIsRefusedCleanlyToo() throws Exception {
        Path b = body("projectDelete(id: \\\"p\\\")", FIVE_MIB);
        List<String> cmd = List.of("curl", "-sS", "--max-time", "60", "--proxy", "http://127.0.0.1:" + fx.proxy.port(),
                "-H", "Content-Type: application/json", "-H", "Expect:", "--data-binary", "@" + b,
                "-w", "\nstatus=%{http_code}\n", "http://" + RAILWAY + "/graphql/v2");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS));
        assertSaw403(new Curl(p.exitValue(), out, ""), "testrail/project-delete");
    }
}
