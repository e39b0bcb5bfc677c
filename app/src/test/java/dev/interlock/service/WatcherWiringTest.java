package dev.interlock.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.FileAccess;
import dev.interlock.action.Origin;
import dev.interlock.audit.AuditFilter;
import dev.interlock.audit.AuditRecord;
import dev.interlock.config.DataDir;
import dev.interlock.watch.BurstAlert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard watches the workspaces agents work in, and a mass delete there lands in the audit log and the tray. */
class WatcherWiringTest {
    @TempDir
    Path tmp;

    @Test
    void aMassDeleteInAnAgentsWorkspaceIsAuditedAndAnnounced() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve("settings.json"), "{\"watcherMassDeleteCount\": 20, \"watcherWindowSeconds\": 10}");
        Path ws = Files.createDirectories(tmp.resolve("shop/src"));
        for (int i = 0; i < 60; i++) {
            Files.writeString(ws.resolve("f" + i + ".ts"), "x");
        }
        List<BurstAlert> alerts = new CopyOnWriteArrayList<>();
        try (GuardService guard = GuardService.open(new DataDir(home), GuardService.Options.DEFAULT
                .withBundledPacks(TestPacks.bundled(tmp)).withDeadline(Duration.ofSeconds(1)).withWatchFiles(false))) {
            guard.addAlertListener(alerts::add);
            Path workspace = tmp.resolve("shop");
            guard.decide(new FileAccess(workspace.resolve("src/f0.ts").toString(), FileAccess.Mode.READ),
                    new Origin("claude-code", "s1", "t1", workspace.toString(), null));
            Thread.sleep(1000);
            for (int i = 0; i < 60; i++) {
                Files.delete(ws.resolve("f" + i + ".ts"));
            }
            List<AuditRecord> rows = List.of();
            for (int i = 0; i < 200 && rows.isEmpty(); i++) {
                Thread.sleep(50);
                rows = guard.audit().query(AuditFilter.parse("agent:watcher"), 0, 10);
            }
            assertEquals(1, rows.size(), "one audit row for the burst");
            assertFalse(alerts.isEmpty());
            assertTrue(alerts.get(0).deleted() > 20, alerts.get(0).describe());
            assertTrue(alerts.get(0).describe().contains("src/"), alerts.get(0).describe());
        }
    }
}
