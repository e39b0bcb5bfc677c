package dev.interlock.ui.bench;

import dev.interlock.audit.AuditLog;
import dev.interlock.config.DataDir;
import dev.interlock.ui.AuditFixture;
import dev.interlock.ui.fx.Fx;
import dev.interlock.ui.fx.Theme;
import dev.interlock.ui.timeline.TimelineView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Measures how fast the timeline opens over a large audit log (run by {@code bench/timeline-open.sh}; prints
 * numbers, asserts nothing about speed). {@code -Dinterlock.bench.rows=1000000}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "interlock.bench.rows", matches = "\\d+")
class TimelineOpenBench {

    @Start
    void start(Stage ignored) {
        Theme.apply();
    }

    @Test
    void openLargeLog() throws Exception {
        long rows = Long.getLong("interlock.bench.rows");
        Path home = Path.of(System.getProperty("interlock.bench.dir", System.getProperty("java.io.tmpdir") + "/interlock-bench-" + rows));
        long t0 = System.nanoTime();
        if (!Files.exists(new DataDir(home).database())) {
            AuditFixture.generate(home, rows, Instant.now(), Duration.ofDays(30), 1);
            System.out.printf("generated %,d rows in %.1f s (%s)%n", rows, (System.nanoTime() - t0) / 1e9, home);
        }
        // warm-up: the first window of a JVM pays for fonts, the theme's CSS and JIT; measure the timeline, not that
        Path small = Files.createTempDirectory("interlock-bench-warm");
        AuditFixture.generate(small, 500, Instant.now(), Duration.ofHours(5), 2);
        AuditLog warmLog = AuditLog.open(new DataDir(small));
        for (int i = 0; i < 3; i++) {
            Fx.await(() -> {
                TimelineView v = new TimelineView(warmLog, d -> { });
                Stage s = new Stage();
                s.setScene(new Scene((Parent) v.root(), 1280, 760));
                Theme.style(s.getScene());
                s.show();
                s.getScene().getRoot().applyCss();
                s.getScene().getRoot().layout();
                s.hide();
                v.close();
                return null;
            });
        }
        warmLog.close();
        long t1 = System.nanoTime();
        AuditLog audit = AuditLog.open(new DataDir(home));
        long t2 = System.nanoTime();
        Stage[] stage = new Stage[1];
        long[] firstPage = new long[1];
        TimelineView view = Fx.await(() -> {
            long q = System.nanoTime();
            TimelineView v = new TimelineView(audit, d -> { });
            firstPage[0] = System.nanoTime() - q;
            stage[0] = new Stage();
            Scene scene = new Scene((Parent) v.root(), 1280, 760);
            Theme.style(scene);
            stage[0].setScene(scene);
            stage[0].show();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return v;
        });
        long t3 = System.nanoTime();
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> view.totalProperty().get() >= 0);
        long t4 = System.nanoTime();
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !view.chart().buckets().isEmpty());
        long t5 = System.nanoTime();
        long total = view.totalProperty().get();
        long t6 = System.nanoTime();
        Fx.await(() -> {
            view.table().scrollTo((int) (total / 2));
            return null;
        });
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> Fx.await(() -> view.table().getItems().get((int) (total / 2))) != null);
        long t7 = System.nanoTime();
        // a page near the bottom that no loaded page borders: located from the oldest end, then read by keyset
        int deep = (int) (total * 9 / 10) + 37;
        long d0 = System.nanoTime();
        Fx.await(() -> {
            view.table().scrollTo(deep);
            return null;
        });
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> Fx.await(() -> view.table().getItems().get(deep)) != null);
        long d1 = System.nanoTime();
        // the next page down: keyset from the loaded page's last id
        int next = (deep / 200 + 1) * 200 + 5;
        Fx.await(() -> {
            view.table().scrollTo(next);
            return null;
        });
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> Fx.await(() -> view.table().getItems().get(next)) != null);
        long d2 = System.nanoTime();
        long o0 = System.nanoTime();
        int offsetRows = audit.query(dev.interlock.audit.AuditFilter.ALL, deep, 200).size();
        long o1 = System.nanoTime();
        Fx.await(() -> {
            view.search().setText("agent:cursor verdict:deny since:2d");
            view.apply();
            return null;
        });
        long t8 = System.nanoTime();
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> view.totalProperty().get() >= 0);
        long t9 = System.nanoTime();
        System.out.printf("rows=%,d%n", total);
        System.out.printf("audit log open:                 %6d ms%n", (t2 - t1) / 1_000_000);
        System.out.printf("window shown with first page:   %6d ms  <- what the user waits for%n", (t3 - t2) / 1_000_000);
        System.out.printf("  of which view + first query:  %6d ms%n", firstPage[0] / 1_000_000);
        System.out.printf("row count known (background):   %6d ms after open%n", (t4 - t3) / 1_000_000);
        System.out.printf("chart ready (background):       %6d ms after open%n", (t5 - t3) / 1_000_000);
        System.out.printf("jump to the middle, page shown: %6d ms%n", (t7 - t6) / 1_000_000);
        System.out.printf("jump to row %,d (90%%), shown: %6d ms%n", deep, (d1 - d0) / 1_000_000);
        System.out.printf("  next page down (keyset):      %6d ms%n", (d2 - d1) / 1_000_000);
        System.out.printf("  same page by OFFSET (old way):%6d ms (%d rows)%n", (o1 - o0) / 1_000_000, offsetRows);
        System.out.printf("search (first page):            %6d ms; count %d ms more%n", (t8 - t7) / 1_000_000, (t9 - t8) / 1_000_000);
        Fx.await(() -> {
            view.close();
            stage[0].hide();
            return null;
        });
        audit.close();
    }
}
