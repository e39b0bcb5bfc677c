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
    void writersRunConcurrentlyAndCloseWritesWhatIsQueued() throws Exception {
        CountDownLatch together = new CountDownLatch(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger written = new AtomicInteger();
        ResultRecorder r = new ResultRecorder(e -> {
            threads.add(Thread.currentThread().getName());
            together.countDown();
            try {
                // the first three block until all three run at once: one writer alone could never get past this
                together.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
            written.incrementAndGet();
        }, 3);
        for (int i = 0; i < 200; i++) {
            r.exchanged(exchange(i));
        }
        r.close();
        assertEquals(200, written.get(), "close() waits for the queued rows");
        assertEquals(0, together.getCount());
        assertEquals(3, threads.size(), threads.toString());
        assertTrue(threads.stream().allMatch(t -> t.startsWith("interlock-proxy-results")), threads.toString());
    }

    @Test
    void aFailingSinkIsLoggedAndTheNextRowsStillGo() {
        AtomicInteger ok = new AtomicInteger();
        ResultRecorder r = new ResultRecorder(e -> {
            if (e.bytes() % 2 == 0) {
                throw new IllegalStateException("audit log closed");
            }
            ok.incrementAndGet();
        }, 2);
        for (int i = 0; i < 10; i++) {
            r.exchanged(exchange(i));
        }
        r.close();
        assertEquals(5, ok.get());
        assertThrows(IllegalArgumentException.class, () -> new ResultRecorder(e -> { }, 0));
    }

    @Test
    void closingTheProxyClosesItsRecorder() throws Exception {
        AtomicInteger written = new AtomicInteger();
        ResultRecorder r = new ResultRecorder(e -> written.incrementAndGet(), 1);
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
