package dev.interlock.proxy;

import dev.interlock.config.DataDir;
import dev.interlock.service.GuardService;
import dev.interlock.service.Submission;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The proxy benchmark behind {@code bench/proxy-bench.sh}, all in one process and one run, loopback only:
 * <ol>
 *   <li>added latency: sequential keep-alive HTTPS requests, direct vs through the inspecting path (TLS terminated,
 *       request evaluated by the real guard service, audit row committed, re-encrypted upstream);</li>
 *   <li>throughput: the same load through Interlock and through mitmproxy (mitmdump) doing the same interception;</li>
 *   <li>1,000 concurrent tunnelled connections held open, each proven live by an echo.</li>
 * </ol>
 * Usage: {@code ProxyBench WORKDIR [seconds-per-throughput-run] [concurrency]}.
 */
public final class ProxyBench {
    private static final String HOST = "localhost";

    public static void main(String[] args) throws Exception {
        // The JDK's test server otherwise leaves Nagle on: 40 ms delayed-ACK stalls on every keep-alive response.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path work = Path.of(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Files.createDirectories(work);
        LocalCa providerCa = LocalCa.loadOrCreate(work.resolve("provider-ca"));
        try (ProviderServer upstream = ProviderServer.startCounting(providerCa, HOST);
             GuardService guard = GuardService.open(new DataDir(work.resolve("home")),
                     GuardService.Options.DEFAULT.withWatchFiles(false))) {
            LocalCa ca = LocalCa.loadOrCreate(work.resolve("home").resolve("ca"));
            int upPort = upstream.address().getPort();
            // Only "localhost" is inspected, as a user setting would add it; upstream trust is the provider's CA.
            ProxyConfig cfg = ProxyConfig.defaults(0, InspectHosts.of(List.of(HOST)))
                    .withUpstream(Upstream.redirectedForTests(Map.of(HOST + ":" + upPort, upstream.address()),
                            providerCa.certificate()));
            ProxyGuard decide = (call, origin, gone) -> guard.decide(call, origin, Submission.proxy(gone));
            // As `interlock serve` runs it: each exchange's upstream status is attached to its audit row.
            ResultRecorder results = new ResultRecorder(
                    batch -> guard.attachResults(batch.stream().map(ProxyResults::report).toList()));
            try (ProxyServer proxy = ProxyServer.start(cfg, decide, ca, results)) {
                String url = "https://" + HOST + ":" + upPort + "/graphql/v2";
                String body = "{\"query\":\"query { me { name } }\"}";
                System.out.println("== Interlock proxy benchmark (loopback, " + Runtime.getRuntime().availableProcessors()
                        + " CPUs, Java " + System.getProperty("java.version") + ")");

                HttpClient direct = client(null, providerCa.certificate());
                HttpClient viaInterlock = client(proxy.address(), ca.certificate());
                // The same proxy with the policy engine alone (no broker, no audit commit): what the proxy itself costs.
                dev.interlock.policy.PolicyEngine engine = guard.engine();
                ProxyGuard policyOnly = (call, origin, gone) -> {
                    dev.interlock.policy.Decision dd = engine.evaluate(call);
                    return new dev.interlock.broker.Resolution(dd.verdict(), dd, "policy", Duration.ZERO, null, "");
                };
                Mitm mitm = Mitm.start(work.resolve("mitm"), providerCa);
                try (ProxyServer bare = ProxyServer.start(cfg, policyOnly, ca, e -> { })) {
                    HttpClient viaBare = client(bare.address(), ca.certificate());
                    HttpClient viaMitm = client(new InetSocketAddress(InetAddress.getLoopbackAddress(), mitm.port),
                            mitm.ca());
                    // Steady state, as a proxy left running all day is measured: the JIT compiles the concurrent paths
                    // (TLS, the proxy, the guard, the client) during warm-up runs that are not counted, for every side.
                    warmUp(direct, url, body, seconds, concurrency, "direct");
                    warmUp(viaInterlock, url, body, seconds, concurrency, "Interlock");
                    warmUp(viaBare, url, body, seconds, concurrency, "policy only");
                    warmUp(viaMitm, url, body, seconds, concurrency, "mitmproxy");

                    double directRps = throughput(direct, url, body, seconds, concurrency, "direct");
                    double interlockRps = throughput(viaInterlock, url, body, seconds, concurrency, "via Interlock");
                    throughput(viaBare, url, body, seconds, concurrency, "  policy only");
                    double mitmRps = throughput(viaMitm, url, body, seconds, concurrency, "via mitmproxy");
                    System.out.printf("throughput ratio        Interlock / mitmproxy = %.1fx  (direct %.0f req/s)%n",
                            interlockRps / mitmRps, directRps);
                    mitm.close();

                    long[] d = latencies(direct, url, body, 1500, 3000);
                    long[] p = latencies(viaInterlock, url, body, 1500, 3000);
                    long[] b = latencies(viaBare, url, body, 1500, 3000);
                    System.out.printf("latency direct          p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms%n", ms(d, 50), ms(d, 90), ms(d, 99));
                    System.out.printf("latency via Interlock   p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms%n", ms(p, 50), ms(p, 90), ms(p, 99));
                    System.out.printf("added latency (p50)     %7.3f ms   (inspect: TLS end + policy + audit row queued + upstream TLS; read-only rows commit in the background)%n",
                            ms(p, 50) - ms(d, 50));
                    System.out.printf("latency via Interlock,  p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  (policy only, no audit)%n",
                            ms(b, 50), ms(b, 90), ms(b, 99));
                    long t0 = System.nanoTime();
                    int n = 500;
                    for (int i = 0; i < n; i++) {
                        guard.decide(new dev.interlock.action.HttpCall("POST", url, Map.of(), body), dev.interlock.action.Origin.CLI);
                    }
                    System.out.printf("guard service alone     %7.3f ms per decide (policy + broker + audit row committed)%n",
                            (System.nanoTime() - t0) / 1e6 / n);
                } finally {
                    mitm.close();
                }

                tunnels(proxy, 1000);
            }
        }
        System.exit(0);
    }

    static HttpClient client(InetSocketAddress proxy, X509Certificate trusted) throws Exception {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(ProxyFixture.trusting(trusted)).connectTimeout(Duration.ofSeconds(10));
        if (proxy != null) {
            b.proxy(ProxySelector.of(proxy));
        }
        return b.build();
    }

    private static HttpRequest request(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer rw_bench_0000000000000000")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build();
    }

    private static long[] latencies(HttpClient c, String url, String body, int warmup, int n) throws Exception {
        for (int i = 0; i < warmup; i++) {
            check(c.send(request(url, body), HttpResponse.BodyHandlers.ofString()));
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            check(c.send(request(url, body), HttpResponse.BodyHandlers.ofString()));
            out[i] = System.nanoTime() - t;
        }
        Arrays.sort(out);
        return out;
    }

    private static void check(HttpResponse<String> r) {
        if (r.statusCode() != 200 || !r.body().contains("staging-owner")) {
            throw new IllegalStateException("unexpected answer " + r.statusCode() + ": " + r.body());
        }
    }

    private static double ms(long[] sorted, int pct) {
        return sorted[Math.min(sorted.length - 1, sorted.length * pct / 100)] / 1e6;
    }

    static double throughput(HttpClient c, String url, String body, int seconds, int concurrency, String label)
            throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        CountDownLatch done = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            pool.execute(() -> {
                try {
                    while (System.nanoTime() < end) {
                        try {
                            HttpResponse<String> r = c.send(request(url, body), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 200) {
                                ok.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        pool.shutdown();
        double secs = (System.nanoTime() - start) / 1e9;
        double rps = ok.get() / secs;
        System.out.printf("throughput %-13s %8.0f req/s  (%d ok, %d failed, %d clients, %.1f s, keep-alive)%n", label, rps,
                ok.get(), failed.get(), concurrency, secs);
        return rps;
    }

    /** Uncounted runs until one is within 10% of the one before (at most five): the JIT has settled. */
    private static void warmUp(HttpClient c, String url, String body, int seconds, int concurrency, String label)
            throws Exception {
        double before = 0;
        for (int round = 1; round <= 5; round++) {
            double rps = throughput(c, url, body, seconds, concurrency, "(warm-up " + round + ") " + label);
            if (before > 0 && Math.abs(rps - before) <= 0.1 * before) {
                return;
            }
            before = rps;
        }
    }

    /** Opens {@code n} CONNECT tunnels to a loopback echo server (not inspected), holds them, checks every one. */
    private static void tunnels(ProxyServer proxy, int n) throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress())) {
            ExecutorService echoes = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r);
                t.setDaemon(true);
                return t;
            });
            echoes.execute(() -> {
                while (!echo.isClosed()) {
                    try {
                        Socket s = echo.accept();
                        echoes.execute(() -> {
                            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                                in.transferTo(out);
                            } catch (Exception ignored) {
                                // closed
                            }
                        });
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            List<Socket> open = new ArrayList<>();
            int errors = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                try {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
                    s.setSoTimeout(20_000);
                    s.getOutputStream().write(("CONNECT 127.0.0.1:" + echo.getLocalPort() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    String head = ProxyFixture.readHead(s.getInputStream());
                    if (!head.startsWith("HTTP/1.1 200")) {
                        errors++;
                        s.close();
                        continue;
                    }
                    open.add(s);
                } catch (Exception e) {
                    errors++;
                }
            }
            double openSecs = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(2000);
            int live = 0;
            for (Socket s : open) {
                try {
                    byte[] ping = ("ping " + s.getLocalPort() + "\n").getBytes(StandardCharsets.US_ASCII);
                    s.getOutputStream().write(ping);
                    byte[] back = s.getInputStream().readNBytes(ping.length);
                    if (Arrays.equals(ping, back)) {
                        live++;
                    } else {
                        errors++;
                    }
                } catch (Exception e) {
                    errors++;
                }
            }
            int held = proxy.openConnections();
            System.out.printf("tunnels    %d concurrent CONNECT tunnels opened in %.2f s, %d echoed after 2 s held open, "
                    + "%d errors (%d proxy channels: client + upstream sides)%n", open.size(), openSecs, live, errors, held);
            for (Socket s : open) {
                s.close();
            }
        }
    }

    /** mitmdump doing the same interception: its own CA, upstream verified against the provider's CA. */
    private static final class Mitm implements AutoCloseable {
        final Process process;
        final int port;
        final Path confdir;

        private Mitm(Process process, int port, Path confdir) {
            this.process = process;
            this.port = port;
            this.confdir = confdir;
        }

        static Mitm start(Path dir, LocalCa providerCa) throws Exception {
            Files.createDirectories(dir);
            Path upstreamCa = dir.resolve("upstream-ca.pem");
            Files.writeString(upstreamCa, LocalCa.pem(providerCa.certificate()));
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Process p = new ProcessBuilder("mitmdump", "-q", "--listen-host", "127.0.0.1", "--listen-port",
                    String.valueOf(port), "--set", "confdir=" + dir, "--set", "ssl_verify_upstream_trusted_ca=" + upstreamCa,
                    "--set", "flow_detail=0").redirectErrorStream(true).redirectOutput(dir.resolve("mitmdump.log").toFile())
                    .start();
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < until) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    if (Files.exists(dir.resolve("mitmproxy-ca-cert.pem"))) {
                        return new Mitm(p, port, dir);
                    }
                } catch (Exception e) {
                    Thread.sleep(200);
                }
            }
            p.destroy();
            throw new IllegalStateException("mitmdump did not start; see " + dir.resolve("mitmdump.log"));
        }

        X509Certificate ca() throws Exception {
            try (InputStream in = Files.newInputStream(confdir.resolve("mitmproxy-ca-cert.pem"))) {
                return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
