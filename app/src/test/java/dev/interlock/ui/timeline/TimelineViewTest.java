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

    private static dev.interlock.broker.Resolution allowed() {
        return new dev.interlock.broker.Resolution(dev.interlock.policy.Verdict.ALLOW, dev.interlock.policy.Decision.allow(),
                "policy", Duration.ZERO, null, "");
    }

    private long record(String command) {
        return audit.recordAction(new dev.interlock.action.ShellCommand(command, "/home/dev/live"),
                dev.interlock.action.Origin.of("codex", "s-live", "/home/dev/live"), allowed(), "");
    }

    @Test
    void newEventsAppearOnTopWithoutReopeningAndTheSelectionStays(FxRobot robot) throws Exception {
        open(600);
        long before = view.totalProperty().get();
        AuditRecord picked = Fx.await(() -> {
            view.table().getSelectionModel().select(3);
            return view.table().getSelectionModel().getSelectedItem();
        });
        long id = record("echo live-one");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.totalProperty().get() == before + 1);
        AuditRecord top = Fx.await(() -> view.table().getItems().get(0));
        assertEquals(id, top.id());
        assertEquals("echo live-one", top.summary());
        assertEquals(picked.id(), Fx.await(() -> view.table().getSelectionModel().getSelectedItem()).id(),
                "the user's selection follows its row");
        assertEquals(0, (int) Fx.await(() -> view.firstVisibleIndex()), "at the top, new rows are in view");

        // a burst is coalesced into a refresh and only rows matching the search appear
        Fx.await(() -> {
            view.search().setText("agent:codex");
            view.apply();
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            try {
                return view.totalProperty().get() == sqlCount("agent=?", "codex");
            } catch (Exception e) {
                return false;
            }
        });
        long codex = view.totalProperty().get();
        for (int i = 0; i < 30; i++) {
            record("echo burst " + i);
        }
        audit.recordAction(new dev.interlock.action.ShellCommand("echo not-codex", "/w"),
                dev.interlock.action.Origin.of("cursor", "s", "/w"), allowed(), "");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.totalProperty().get() == codex + 30);
        for (int i = 0; i < 30; i++) {
            final int at = i;
            assertEquals("echo burst " + (29 - i), Fx.await(() -> view.table().getItems().get(at)).summary());
        }
        Thread.sleep(600);
        assertEquals(codex + 30, view.totalProperty().get(), "the cursor row does not match agent:codex");
    }

    @Test
    void whenScrolledDownTheRowsInViewStayInView(FxRobot robot) throws Exception {
        open(2000);
        Fx.await(() -> {
            view.table().scrollTo(700);
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Fx.await(() -> view.table().getItems().get(705)) != null);
        Fx.await(() -> {
            view.table().getSelectionModel().select(705);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        int firstBefore = Fx.await(() -> view.firstVisibleIndex());
        assertTrue(firstBefore >= 690, "scrolled down: " + firstBefore);
        long firstId = Fx.await(() -> view.table().getItems().get(firstBefore)).id();
        long selected = Fx.await(() -> view.table().getSelectionModel().getSelectedItem()).id();
        long before = view.totalProperty().get();
        for (int i = 0; i < 4; i++) {
            record("echo while-reading " + i);
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.totalProperty().get() == before + 4);
        WaitForAsyncUtils.waitForFxEvents();
        int firstAfter = Fx.await(() -> view.firstVisibleIndex());
        assertEquals(firstBefore + 4, firstAfter, "the view moved with its rows");
        assertEquals(firstId, Fx.await(() -> view.table().getItems().get(firstAfter)).id());
        assertEquals(selected, Fx.await(() -> view.table().getSelectionModel().getSelectedItem()).id());
        assertEquals(705 + 4, (int) Fx.await(() -> view.table().getSelectionModel().getSelectedIndex()));
    }

    @Test
    void aFarPageIsLocatedAndLoadedByKeyset(FxRobot robot) throws Exception {
        open(5000);
        int middle = 2_777;
        Fx.await(() -> {
            view.table().scrollTo(middle);
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Fx.await(() -> view.table().getItems().get(middle)) != null);
        for (int i = middle - 5; i <= middle + 5; i++) {
            final int at = i;
            AuditRecord shown = Fx.await(() -> view.table().getItems().get(at));
            if (shown != null) {
                assertEquals(audit.query(AuditFilter.ALL, at, 1).get(0).id(), shown.id(), "row " + at);
            }
        }
        // the page above it is then read from its neighbour's first id
        int above = (middle / PagedRows.PAGE) * PagedRows.PAGE - 1;
        Fx.await(() -> {
            view.table().scrollTo(above - 10);
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Fx.await(() -> view.table().getItems().get(above)) != null);
        assertEquals(audit.query(AuditFilter.ALL, above, 1).get(0).id(), Fx.await(() -> view.table().getItems().get(above)).id());
    }

    @Test
    void pendingApprovalsShowAboveTheTableLive(FxRobot robot) throws Exception {
        open(100);
        dev.interlock.ui.RecordingDesk desk = new dev.interlock.ui.RecordingDesk();
        int[] reviews = new int[1];
        Fx.await(() -> {
            view.showPending(desk, () -> reviews[0]++);
            return null;
        });
        assertEquals("", view.pendingText());
        dev.interlock.action.ShellCommand c = new dev.interlock.action.ShellCommand("terraform destroy -auto-approve", "/home/dev/infra");
        desk.submit(new dev.interlock.broker.PendingApproval("ab12", c, dev.interlock.action.Origin.of("claude-code", "s", "/home/dev/infra"),
                dev.interlock.policy.Decision.allow(), Instant.now(), Instant.now().plusSeconds(60), true, 1));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.pendingText().startsWith("1 approval waits"));
        assertTrue(view.pendingText().contains("claude-code: terraform destroy"), view.pendingText());
        robot.clickOn("#timeline-pending-review");
        assertEquals(1, reviews[0]);
    }

    @Test
    void aHiddenTimelineDoesNotReadUntilItIsShownAgain(FxRobot robot) throws Exception {
        open(300);
        long before = view.totalProperty().get();
        Fx.await(() -> {
            stage.hide();
            return null;
        });
        record("echo while-hidden");
        Thread.sleep(800);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, view.totalProperty().get(), "no refresh while nobody looks");
        Fx.await(() -> {
            stage.show();
            view.refresh();
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.totalProperty().get() == before + 1);
        assertEquals("echo while-hidden", Fx.await(() -> view.table().getItems().get(0)).summary());
    }
}
