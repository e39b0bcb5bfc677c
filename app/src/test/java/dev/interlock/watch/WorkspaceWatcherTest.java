package dev.interlock.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceWatcherTest {

    @Test
    void detectorAlertsOnceAboveThresholdAndRearmsAfterQuiet() {
        Instant[] now = {Instant.parse("2026-11-24T10:00:00Z")};
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId z) { return this; }
            public Instant instant() { return now[0]; }
        };
        Path ws = Path.of("/w");
        BurstDetector d = new BurstDetector(ws, 5, Duration.ofSeconds(10), clock);
        for (int i = 0; i < 5; i++) {
            assertTrue(d.record(ws.resolve("src/a/f" + i), BurstDetector.Change.DELETE).isEmpty());
        }
        Optional<BurstAlert> alert = d.record(ws.resolve("data/x"), BurstDetector.Change.OVERWRITE);
        assertTrue(alert.isPresent());
        assertEquals(5, alert.get().deleted());
        assertEquals(1, alert.get().overwritten());
        assertEquals("src/a/", alert.get().topDirectories().get(0).directory());
        assertTrue(d.record(ws.resolve("src/a/g"), BurstDetector.Change.DELETE).isEmpty(), "only one alert per burst");
        now[0] = now[0].plusSeconds(11);
        for (int i = 0; i < 5; i++) {
            assertTrue(d.record(ws.resolve("f" + i), BurstDetector.Change.DELETE).isEmpty());
        }
        assertTrue(d.record(ws.resolve("f9"), BurstDetector.Change.DELETE).isPresent(), "re-armed after a quiet window");
    }

    @Test
    void aRealMassDeleteRaisesAnAlertAndVendoredChurnDoesNot(@TempDir Path ws) throws Exception {
        Path src = Files.createDirectories(ws.resolve("src/components"));
        Path nm = Files.createDirectories(ws.resolve("node_modules/pkg"));
        for (int i = 0; i < 300; i++) {
            Files.writeString(src.resolve("f" + i + ".ts"), "x");
            Files.writeString(nm.resolve("m" + i + ".js"), "x");
        }
        List<BurstAlert> alerts = new CopyOnWriteArrayList<>();
        try (WorkspaceWatcher w = new WorkspaceWatcher(new WorkspaceWatcher.Thresholds(200, Duration.ofSeconds(10)),
                alerts::add, Clock.systemUTC())) {
            w.watch(ws);
            for (int i = 0; i < 300; i++) {
                Files.delete(nm.resolve("m" + i + ".js"));
            }
            TimeUnit.MILLISECONDS.sleep(1500);
            assertEquals(List.of(), alerts, "node_modules churn is ignored");
            for (int i = 0; i < 300; i++) {
                Files.delete(src.resolve("f" + i + ".ts"));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (alerts.isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        assertEquals(1, alerts.size());
        assertTrue(alerts.get(0).deleted() > 200, alerts.get(0).describe());
        assertEquals("src/components/", alerts.get(0).topDirectories().get(0).directory());
    }
}
