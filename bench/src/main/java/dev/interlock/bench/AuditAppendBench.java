package dev.interlock.bench;

import dev.interlock.action.Origin;
import dev.interlock.action.ShellCommand;
import dev.interlock.audit.AuditLog;
import dev.interlock.audit.SecretMasker;
import dev.interlock.broker.Resolution;
import dev.interlock.policy.Decision;
import dev.interlock.policy.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Audit appends as the guard makes them: T threads (hook clients, proxy requests) each record actions one after the
 * other, every call returning only once its row is committed. Prints appends per second and the latency of one
 * append, for 1 thread and for T threads, then verifies the chain.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.interlock.bench.AuditAppendBench [threads=16] [seconds=5]</pre>
 */
public final class AuditAppendBench {
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("audit-append");
        try (AuditLog log = AuditLog.open(dir.resolve("interlock.db"), new SecretMasker(new byte[32]))) {
            run(log, 1, 2);
            run(log, 1, seconds);
            run(log, threads, seconds);
            System.out.println("verify: " + (log.verify().ok() ? "chain intact" : "BROKEN " + log.verify()));
        }
    }

    private static void run(AuditLog log, int threads, int seconds) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<long[]> perThread = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(threads);
        Resolution allow = new Resolution(Verdict.ALLOW, Decision.allow(), "policy", Duration.ZERO, null, "");
        for (int t = 0; t < threads; t++) {
            Origin origin = new Origin("bench", "s" + t, null, "/home/dev/project", null);
            new Thread(() -> {
                long[] lat = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end && n < lat.length) {
                    long t0 = System.nanoTime();
                    log.recordAction(new ShellCommand("git status --short " + n, "/home/dev/project", Map.of()), origin,
                            allow, "");
                    lat[n++] = System.nanoTime() - t0;
                }
                perThread.add(java.util.Arrays.copyOf(lat, n));
                done.countDown();
            }).start();
        }
        done.await();
        long[] all = perThread.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        System.out.printf("%2d thread(s): %,8.0f appends/s   p50 %.2f ms   p99 %.2f ms%n", threads,
                all.length / (double) seconds, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
    }
}
