package dev.interlock.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for a provider's API: a real HTTPS server on 127.0.0.1 with its own certificate (from a "provider" CA
 * that is not Interlock's). It records every request it receives, so tests can prove what never arrived.
 */
final class ProviderServer implements AutoCloseable {
    /** {@code fromPort}: the client's port, the same for every request that came over one connection. */
    record Seen(String method, String path, String authorization, byte[] body, int fromPort) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpsServer server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** False for benchmarks: a copy-on-write list of 100,000 requests costs each request a copy of it. */
    private final boolean recording;
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

    private ProviderServer(LocalCa providerCa, String host, boolean recording) throws Exception {
        this.recording = recording;
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("leaf", providerCa.leafKey(), "x".toCharArray(),
                new Certificate[] {providerCa.mint(host), providerCa.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "provider-" + host);
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    static ProviderServer start(LocalCa providerCa, String host) throws Exception {
        return new ProviderServer(providerCa, host, true);
    }

    /** The same server without the record of requests (it only counts them): for benchmarks. */
    static ProviderServer startCounting(LocalCa providerCa, String host) throws Exception {
        return new ProviderServer(providerCa, host, false);
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] body = x.getRequestBody().readAllBytes();
        String path = x.getRequestURI().getPath();
        requests.incrementAndGet();
        if (recording) {
            seen.add(new Seen(x.getRequestMethod(), x.getRequestURI().toString(),
                    x.getRequestHeaders().getFirst("Authorization"), body, x.getRemoteAddress().getPort()));
        }
        x.getResponseHeaders().set("X-Provider", "test");
        if (path.startsWith("/big")) {
            long n = Long.parseLong(x.getRequestURI().getQuery().replace("n=", ""));
            x.getResponseHeaders().set("Content-Type", "application/octet-stream");
            x.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = x.getResponseBody()) {
                byte[] block = new byte[64 * 1024];
                for (int i = 0; i < block.length; i++) {
                    block[i] = (byte) ('a' + i % 26);
                }
                for (long sent = 0; sent < n; sent += block.length) {
                    out.write(block, 0, (int) Math.min(block.length, n - sent));
                }
            }
            return;
        }
        if (path.startsWith("/echo")) {
            x.getResponseHeaders().set("Content-Type", "application/octet-stream");
            x.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        byte[] answer = ("{\"data\":{\"me\":{\"name\":\"staging-owner\"}},\"requests_seen\":" + requests.get() + "}")
                .getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(200, answer.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
