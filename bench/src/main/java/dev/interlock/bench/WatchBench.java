package dev.interlock.bench;

import dev.interlock.watch.BurstAlert;
import dev.interlock.watch.WorkspaceWatcher;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What watching costs: a workspace of N files (default 100,000 in 1,000 directories) is created, watched, left
 * idle, then 500 files are deleted. Prints registration time, idle CPU, heap and RSS, and alert latency.
 * Run: {@code java -cp bench/target/benchmarks.jar dev.interlock.bench.WatchBench [files]}
 */
public final class WatchBench {
    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path ws = Files.createTempDirectory("interlock-watch-bench");
        int perDir = 100;
        for (int i = 0; i < files; i++) {
            Path dir = ws.resolve("pkg" + (i / perDir / 10)).resolve("mod" + (i / perDir));
            if (i % perDir == 0) {
                Files.createDirectories(dir);
            }
            Files.writeString(dir.resolve("f" + i + ".txt"), "x");
        }
        List<BurstAlert> alerts = new CopyOnWriteArrayList<>();
        long[] alertAt = {0};
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.gc();
        long t0 = System.nanoTime();
        try (WorkspaceWatcher w = new WorkspaceWatcher(WorkspaceWatcher.Thresholds.DEFAULT, a -> {
            alertAt[0] = System.nanoTime();
            alerts.add(a);
        }, Clock.systemUTC())) {
            w.watch(ws);
            long registered = System.nanoTime() - t0;
            long cpu0 = os.getProcessCpuTime();
            TimeUnit.SECONDS.sleep(10);
            long idleCpu = os.getProcessCpuTime() - cpu0;
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long rss = rssKb();
            long d0 = System.nanoTime();
            int deleted = 0;
            try (var s = Files.walk(ws)) {
                for (Path p : s.filter(Files::isRegularFile).limit(500).toList()) {
                    Files.delete(p);
                    deleted++;
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (alerts.isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            System.out.printf("files watched: %,d in %,d directories%n", files, files / perDir + files / perDir / 10 + 1);
            System.out.printf("registration: %,d ms%n", TimeUnit.NANOSECONDS.toMillis(registered));
            System.out.printf("idle CPU over 10 s: %,d ms (%.2f%% of one core)%n", idleCpu / 1_000_000, idleCpu / 1e8);
            System.out.printf("heap used after GC: %,d MiB; process RSS: %,d MiB%n", heap >> 20, rss >> 10);
            System.out.printf("alert after deleting %d files: %s%n", deleted,
                    alerts.isEmpty() ? "NONE" : (TimeUnit.NANOSECONDS.toMillis(alertAt[0] - d0) + " ms — " + alerts.get(0).describe()));
        } finally {
            try (var s = Files.walk(ws)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }
}
