package dev.interlock.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.audit.AuditFilter;
import dev.interlock.audit.AuditLog;
import dev.interlock.audit.AuditRecord;
import dev.interlock.audit.ExportFormat;
import dev.interlock.audit.HistogramBucket;
import dev.interlock.config.DataDir;
import dev.interlock.ui.AuditFixture;
import dev.interlock.ui.fx.Fx;
import dev.interlock.ui.fx.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TimelineViewTest {
    @TempDir
    Path home;
    private AuditLog audit;
    private TimelineView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        Theme.apply();
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (view != null) {
            Fx.await(() -> {
                view.close();
                return null;
            });
        }
        if (audit != null) {
            audit.close();
        }
    }

    private void open(int rows) throws Exception {
        AuditFixture.generate(home, rows, Instant.now(), Duration.ofHours(10), 7);
        audit = AuditLog.open(new DataDir(home));
        view = Fx.await(() -> {
            TimelineView v = new TimelineView(audit, draft -> { });
            Scene scene = new Scene((javafx.scene.Parent) v.root(), 1200, 700);
            Theme.style(scene);
            stage.setScene(scene);
            stage.show();
            return v;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.totalProperty().get() >= 0);
    }

    /** The oracle: plain SQL over the same file, independent of AuditFilter and the view. */
    private long sqlCount(String where, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + new DataDir(home).database());
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit WHERE type='action' AND " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void searchTokensFilterTheTableAndEveryLoadedRowMatches(FxRobot robot) throws Exception {
        open(3000);
        assertEquals(sqlCount("1=1"), view.totalProperty().get());
        long since = Instant.now().minus(Duration.ofHours(9)).toEpochMilli();
        long expected = sqlCount("agent=? AND verdict=? AND ts>=?", "cursor", "deny", since);
        assertTrue(expected > 0, "fixture has cursor denials in the last 9 h");

        robot.clickOn("#timeline-search").write("agent:cursor verdict:deny since:9h");
        robot.push(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.totalProperty().get() == expected);
        int n = Fx.await(() -> view.table().getItems().size());
        assertEquals(expected, n);
        for (int i = 0; i < Math.min(n, 200); i++) {
            final int at = i;
            AuditRecord r = Fx.await(() -> view.table().getItems().get(at));
            assertEquals("cursor", r.agent());
            assertEquals("deny", r.verdict());
            assertTrue(r.time().toEpochMilli() >= since - 60_000);
        }
        String status = Fx.await(() -> ((javafx.scene.control.Label) stage.getScene().lookup("#timeline-status")).getText());
        assertTrue(status.startsWith(TimelineView.count(expected) + " event"), status);
    }

    @Test
    void filterOnAValueAddsItsTokenAndBadTokensSayWhy(FxRobot robot) throws Exception {
        open(800);
        AuditRecord first = Fx.await(() -> view.table().getItems().get(0));
        Fx.await(() -> {
            view.filterOn("agent", first);
            return null;
        });
        assertEquals("agent:" + first.agent(), view.search().getText());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            try {
                return view.totalProperty().get() == sqlCount("agent=?", first.agent());
            } catch (Exception e) {
                return false;
            }
        });
        Fx.await(() -> {
            view.search().setText("since:someday");
            view.apply();
            return null;
        });
        String error = Fx.await(() -> ((javafx.scene.control.Label) stage.getScene().lookup("#timeline-search-error")).getText());
        assertTrue(error.contains("someday"), error);
    }

    @Test
    void pagesLoadWhenScrolledAndTheChartCountsPerHour(FxRobot robot) throws Exception {
        open(5000);
        long total = view.totalProperty().get();
        Fx.await(() -> {
            view.table().scrollTo((int) total - 1);
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Fx.await(() -> view.table().getItems().get((int) total - 1)) != null);
        AuditRecord last = Fx.await(() -> view.table().getItems().get((int) total - 1));
        assertEquals(audit.query(AuditFilter.ALL, (int) total - 1, 1).get(0).id(), last.id(), "oldest row at the bottom");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !view.chartData().isEmpty());
        long charted = view.chartData().stream().mapToLong(HistogramBucket::total).sum();
        long since = Instant.now().minus(Duration.ofHours(24)).toEpochMilli();
        assertEquals(sqlCount("ts>=?", since), charted);
    }

    @Test
    void exportWritesEveryFilteredEventNotJustThePage() throws Exception {
        open(1200);
        Path out = home.resolve("out.jsonl");
        AuditFilter f = AuditFilter.parse("agent:claude-code");
        long written = view.exportTo(f, ExportFormat.JSONL, out).get(30, TimeUnit.SECONDS);
        assertEquals(sqlCount("agent=?", "claude-code"), written);
        assertEquals(written, Files.readAllLines(out).stream().filter(l -> !l.isBlank()).count());
        assertFalse(written <= PagedRows.PAGE, "more than one page exported");
    }
}
