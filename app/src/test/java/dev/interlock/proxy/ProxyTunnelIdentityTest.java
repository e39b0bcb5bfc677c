package dev.interlock.proxy;

import static dev.interlock.proxy.ProxyFixture.RAILWAY;
import static dev.interlock.proxy.ProxyFixture.TUNNELLED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.Action;
import dev.interlock.action.HttpCall;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The name a tunnel is inspected by: a CONNECT to a bare address, or to a name that is not inspected while the TLS
 * server name is, must not get around the guard. Real curl, real local TLS servers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyTunnelIdentityTest {
    private static final String DELETE = "{\"query\":\"mutation { projectDelete(id: \\\"p\\\") }\"}";
    private static final String READ = "{\"query\":\"query { me { name } }\"}";

    @TempDir
    static Path dir;
    ProxyFixture fx;
    Path caPem;
    int railwayPort;

    @BeforeAll
    void start() throws Exception {
        fx = new ProxyFixture(dir, TestPolicy.engine(), Duration.ofSeconds(2));
        caPem = dir.resolve("interlock-ca.pem");
        Files.writeString(caPem, LocalCa.pem(fx.ca.certificate()));
        railwayPort = fx.server(RAILWAY).address().getPort();
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    @BeforeEach
    void clean() {
        fx.servers.values().forEach(s -> s.seen.clear());
        fx.holdingGuard.seen.clear();
    }

    private record Curl(int exit, String out) {
    }

    private Curl curl(String url, String body, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30",
                "--proxy", "http://127.0.0.1:" + fx.proxy.port(), "--cacert", caPem.toString(),
                "-H", "Content-Type: application/json", "--data-binary", body, "-w", "\nstatus=%{http_code}\n"));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        for (String v : List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy",
                "NO_PROXY", "no_proxy", "CURL_CA_BUNDLE", "SSL_CERT_FILE")) {
            pb.environment().remove(v);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Curl(p.exitValue(), out);
    }

    private List<String> guardedUrls() {
        List<String> urls = new ArrayList<>();
        for (Action a : fx.holdingGuard.seen) {
            urls.add(((HttpCall) a).url());
        }
        return urls;
    }

    @Test
    void aConnectToAnAddressWhoseServerNameIsInspectedGoesThroughTheGuard() throws Exception {
        // curl sends CONNECT 127.0.0.1:port and the TLS server name backboard.railway.app
        String to = RAILWAY + ":443:127.0.0.1:" + railwayPort;
        Curl denied = curl("https://" + RAILWAY + "/graphql/v2", DELETE, "--connect-to", to);
        assertTrue(denied.out().contains("status=403"), denied.out());
        assertTrue(denied.out().contains("testrail/project-delete"), denied.out());
        assertEquals(List.of(), fx.server(RAILWAY).seen, "the denied request never reached the server");

        Curl read = curl("https://" + RAILWAY + "/graphql/v2", READ, "--connect-to", to);
        assertTrue(read.out().contains("status=200"), read.out());
        assertTrue(read.out().contains("staging-owner"), read.out());
        assertEquals(1, fx.server(RAILWAY).seen.size(), "an allowed request goes to the address the client chose");
        assertEquals(List.of("https://" + RAILWAY + ":" + railwayPort + "/graphql/v2",
                "https://" + RAILWAY + ":" + railwayPort + "/graphql/v2"), guardedUrls());
    }

    @Test
    void aConnectToAnotherNameWhoseServerNameIsInspectedGoesThroughTheGuard() throws Exception {
        // CONNECT tunnel.test:443 (not inspected), TLS server name backboard.railway.app (inspected)
        Curl denied = curl("https://" + RAILWAY + "/graphql/v2", DELETE, "--connect-to", RAILWAY + ":443:" + TUNNELLED + ":443");
        assertTrue(denied.out().contains("status=403"), denied.out());
        assertTrue(denied.out().contains("testrail/project-delete"), denied.out());
        assertEquals(List.of(), fx.server(TUNNELLED).seen);
        assertEquals(List.of(), fx.server(RAILWAY).seen);
    }

    @Test
    void aConnectToAnAddressWithoutAServerNameIsInspectedAndAForeignHostHeaderIsRefused() throws Exception {
        // curl sends no server name for an address; the Host header claims the inspected host
        Curl c = curl("https://127.0.0.1:" + railwayPort + "/graphql/v2", DELETE, "-H", "Host: " + RAILWAY);
        assertTrue(c.out().contains("status=421"), c.out());
        assertTrue(c.out().contains("host_mismatch"), c.out());
        assertEquals(List.of(), fx.server(RAILWAY).seen, "nothing was sent");
    }

    @Test
    void aConnectToAnAddressWithoutAServerNameIsSeenByTheGuardUnderThatAddress() throws Exception {
        Curl c = curl("https://127.0.0.1:" + railwayPort + "/graphql/v2", READ);
        // The guard saw it; upstream, the server's certificate does not name the address, so it is refused (502)
        // exactly as the client itself would have refused it without the proxy.
        assertEquals(List.of("https://127.0.0.1:" + railwayPort + "/graphql/v2"), guardedUrls());
        assertTrue(c.out().contains("status=502"), c.out());
        assertEquals(List.of(), fx.server(RAILWAY).seen);
    }

    @Test
    void aTunnelledNameStillSeesTheRealServerCertificate() throws Exception {
        Path providerPem = dir.resolve("provider-ca.pem");
        Files.writeString(providerPem, LocalCa.pem(fx.providerCa.certificate()));
        List<String> cmd = List.of("curl", "-sS", "--max-time", "30", "--proxy", "http://127.0.0.1:" + fx.proxy.port(),
                "--cacert", providerPem.toString(), "-w", "\nstatus=%{http_code}\n", "https://" + TUNNELLED + "/x");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("status=200"), "trusting only the provider's CA works only without interception: " + out);
        assertEquals(List.of(), guardedUrls());
    }

    @Test
    void aServerFirstProtocolThroughATunnelToAnAddressIsRelayedAsIs() throws Exception {
        String greeting = "220 hello from a server that speaks first\r\n";
        try (ServerSocket banner = serveOnce(s -> {
                 s.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
                 s.getOutputStream().flush();
                 s.getInputStream().transferTo(s.getOutputStream()); // then echo
             });
             Socket s = fx.tunnel("127.0.0.1", banner.getLocalPort())) {
            InputStream in = s.getInputStream();
            assertEquals(greeting, new String(in.readNBytes(greeting.length()), StandardCharsets.US_ASCII));
            s.getOutputStream().write("EHLO me\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertEquals("EHLO me\r\n", new String(in.readNBytes(9), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aClientFirstPlainProtocolThroughATunnelToAnAddressIsRelayedAsIs() throws Exception {
        try (ServerSocket echo = serveOnce(s -> s.getInputStream().transferTo(s.getOutputStream()));
             Socket s = fx.tunnel("127.0.0.1", echo.getLocalPort())) {
            s.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertEquals("SSH-2.0-OpenSSH_9.2\r\n", new String(s.getInputStream().readNBytes(21), StandardCharsets.US_ASCII));
        }
    }

    interface Conversation {
        void run(Socket s) throws Exception;
    }

    /** A loopback server that accepts one connection and runs {@code conversation} on it, on its own thread. */
    private static ServerSocket serveOnce(Conversation conversation) throws Exception {
        ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                conversation.run(s);
            } catch (Exception ignored) {
                // closed
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }
}
