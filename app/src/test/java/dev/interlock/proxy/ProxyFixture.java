package dev.interlock.proxy;

import dev.interlock.broker.Guard;
import dev.interlock.policy.PolicyEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Everything a proxy test needs, started for real: Interlock's CA, a separate "provider" CA, HTTPS provider
 * stand-ins on 127.0.0.1, the proxy (upstream names redirected to them, test-only), and a guard.
 */
final class ProxyFixture implements AutoCloseable {
    static final String RAILWAY = "backboard.railway.app";
    static final String RAILWAY_COM = "backboard.railway.com";
    static final String UPLOADS = "uploads.test";
    static final String TUNNELLED = "tunnel.test";
    static final String DEAD = "dead.test";
    static final String DEAD_TUNNEL = "dead-tunnel.test";

    final LocalCa ca;
    final LocalCa providerCa;
    final Map<String, ProviderServer> servers = new HashMap<>();
    final HoldingGuard holdingGuard;
    final ProxyServer proxy;
    final List<ProxyExchange> exchanges = new CopyOnWriteArrayList<>();

    ProxyFixture(Path dir, PolicyEngine engine, Duration deadline) throws Exception {
        this(dir, engine, deadline, null);
    }

    ProxyFixture(Path dir, PolicyEngine engine, Duration deadline, Guard guard) throws Exception {
        this(dir, engine, deadline, guard == null ? null : ProxyGuard.of(guard), null);
    }

    ProxyFixture(Path dir, PolicyEngine engine, Duration deadline, ProxyGuard guard, ProxyObserver also)
            throws Exception {
        ca = LocalCa.loadOrCreate(dir.resolve("ca"));
        providerCa = LocalCa.loadOrCreate(dir.resolve("provider-ca"));
        Map<String, InetSocketAddress> redirects = new HashMap<>();
        for (String h : List.of(RAILWAY, RAILWAY_COM, UPLOADS, TUNNELLED)) {
            ProviderServer s = ProviderServer.start(providerCa, h);
            servers.put(h, s);
            redirects.put(h + ":443", s.address());
        }
        int closed = closedPort();
        redirects.put(DEAD + ":443", new InetSocketAddress(InetAddress.getLoopbackAddress(), closed));
        redirects.put(DEAD_TUNNEL + ":443", new InetSocketAddress(InetAddress.getLoopbackAddress(), closed));
        Set<String> inspect = new LinkedHashSet<>(engine.inspectHosts());
        inspect.add(UPLOADS); // as a user setting would add it
        inspect.add(DEAD);
        holdingGuard = new HoldingGuard(engine, deadline);
        ProxyConfig cfg = ProxyConfig.defaults(0, InspectHosts.of(inspect))
                .withUpstream(Upstream.redirectedForTests(redirects, providerCa.certificate()));
        proxy = ProxyServer.start(cfg, guard != null ? guard : ProxyGuard.of(holdingGuard), ca, e -> {
            exchanges.add(e);
            if (also != null) {
                also.exchanged(e);
            }
        });
    }

    ProviderServer server(String host) {
        return servers.get(host);
    }

    /** A Java HTTP client that goes through the proxy and trusts the given CAs. */
    HttpClient client(X509Certificate... trusted) throws Exception {
        return HttpClient.newBuilder()
                .proxy(ProxySelector.of(proxy.address()))
                .sslContext(trusting(trusted))
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    static SSLContext trusting(X509Certificate... trusted) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (X509Certificate c : trusted) {
            ks.setCertificateEntry("c" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    /** A socket through a CONNECT tunnel to {@code host:port}, the proxy's 200 already read. */
    Socket tunnel(String host, int port) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(60_000);
        OutputStream out = s.getOutputStream();
        out.write(("CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(s.getInputStream());
        if (!head.startsWith("HTTP/1.1 200")) {
            s.close();
            throw new AssertionError("CONNECT failed: " + head);
        }
        return s;
    }

    /** A TLS socket to {@code host} through a CONNECT tunnel, trusting Interlock's CA. */
    SSLSocket tlsThroughProxy(String host) throws Exception {
        Socket s = tunnel(host, 443);
        SSLSocket tls = (SSLSocket) trusting(ca.certificate()).getSocketFactory().createSocket(s, host, 443, true);
        tls.startHandshake();
        return tls;
    }

    /** Reads an HTTP head byte by byte (no buffering past it). */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            b.write(c);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends raw bytes to the proxy and returns everything it answers before closing (or 5 s). */
    String raw(byte[] request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try {
                s.getInputStream().transferTo(b);
            } catch (java.net.SocketTimeoutException e) {
                // the proxy kept the connection open; what arrived is the answer
            } catch (java.net.SocketException e) {
                // reset after the answer: fine
            }
            return b.toString(StandardCharsets.UTF_8);
        }
    }

    List<ProxyExchange> exchanges(ProxyExchange.Outcome outcome) {
        List<ProxyExchange> out = new ArrayList<>();
        for (ProxyExchange e : exchanges) {
            if (e.outcome() == outcome) {
                out.add(e);
            }
        }
        return out;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        proxy.close();
        servers.values().forEach(ProviderServer::close);
    }
}
