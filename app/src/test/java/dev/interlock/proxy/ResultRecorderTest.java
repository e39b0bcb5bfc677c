package dev.interlock.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.HttpCall;
import dev.interlock.action.Origin;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResultRecorderTest {
    private static ProxyExchange exchange(int i) {
        return new ProxyExchange(new HttpCall("GET", "https://example.test/" + i, Map.of(), ""), Origin.CLI, null,
                ProxyExchange.Outcome.FORWARDED, 200, i, null);
    }

    @Test
    void whatQueuesWhileTheSinkIsBusyGoesAsOneBatchAndCloseWritesTheRest() throws Exception {
        CountDownLatch firstTaken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Long> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        ResultRecorder r = new ResultRecorder(batch -> {
            threads.add(Thread.currentThread().getName());
            sizes.add(batch.size());
            batch.forEach(e -> order.add(e.bytes()));
            firstTaken.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
        });
        r.exchanged(exchange(0));
        assertTrue(firstTaken.await(10, TimeUnit.SECONDS));
        for (int i = 1; i <= 600; i++) {
            r.exchanged(exchange(i)); // queued while the sink is busy with the first
        }
        release.countDown();
        r.close();
        assertEquals(List.of(1, ResultRecorder.MAX_BATCH, ResultRecorder.MAX_BATCH, 600 - 2 * ResultRecorder.MAX_BATCH),
                sizes, "batches are bounded and close() writes what was queued");
        assertEquals(java.util.stream.LongStream.rangeClosed(0, 600).boxed().toList(), order, "in arrival order");
        assertEquals(Set.of("interlock-proxy-results"), threads);
    }

    @Test
    void aFailingSinkIsLoggedAndTheNextBatchesStillGo() throws Exception {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        ResultRecorder r = new ResultRecorder(batch -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("audit log closed");
            }
            ok.addAndGet(batch.size());
        });
        r.exchanged(exchange(0));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (calls.get() == 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        for (int i = 1; i < 10; i++) {
            r.exchanged(exchange(i));
        }
        r.close();
        assertEquals(9, ok.get(), "everything after the failed batch was written");
        r.close(); // twice is harmless
        assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> r.exchanged(exchange(11)));
    }

    @Test
    void closingTheProxyClosesItsRecorder() throws Exception {
        AtomicInteger written = new AtomicInteger();
        ResultRecorder r = new ResultRecorder(batch -> written.addAndGet(batch.size()));
        LocalCa ca = LocalCa.loadOrCreate(java.nio.file.Files.createTempDirectory("rr").resolve("ca"));
        ProxyServer p = ProxyServer.start(ProxyConfig.defaults(0, InspectHosts.of(List.of())),
                (call, origin, gone) -> null, ca, r);
        r.exchanged(exchange(1));
        p.close();
        assertEquals(1, written.get());
        assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> r.exchanged(exchange(2)),
                "closed with the proxy");
    }
}
