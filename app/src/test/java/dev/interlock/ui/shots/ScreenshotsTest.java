package dev.interlock.ui.shots;

import dev.interlock.action.FileAccess;
import dev.interlock.action.HttpCall;
import dev.interlock.action.Origin;
import dev.interlock.action.ShellCommand;
import dev.interlock.audit.AuditLog;
import dev.interlock.broker.PendingApproval;
import dev.interlock.broker.Resolution;
import dev.interlock.config.DataDir;
import dev.interlock.correlate.Correlators;
import dev.interlock.correlate.SessionMemory;
import dev.interlock.policy.Decision;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.Verdict;
import dev.interlock.ui.AuditFixture;
import dev.interlock.ui.RecordingDesk;
import dev.interlock.ui.Samples;
import dev.interlock.ui.fx.Fx;
import dev.interlock.ui.fx.Theme;
import dev.interlock.ui.packs.PacksView;
import dev.interlock.ui.prompt.PromptWindow;
import dev.interlock.ui.timeline.TimelineView;
import dev.interlock.ui.tray.TrayMenu;
import dev.interlock.ui.tray.TrayMenuNode;
import dev.interlock.ui.tray.TrayStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regenerates {@code screenshots/*.png} from the real UI, headless (Monocle node snapshots), with decisions from
 * the real engine over the bundled packs and the real session memory:
 * {@code mvn -q -B -o test -pl app -Dtest=ScreenshotsTest -Dinterlock.screenshots=$PWD/screenshots}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "interlock.screenshots", matches = ".+")
class ScreenshotsTest {
    private static final String TOKEN = "7c1f0e2a-51d4-4b8e-9a3c-d4e5f6a7b8c9";
    private final Path dir = Path.of(System.getProperty("interlock.screenshots", "screenshots"));
    @TempDir
    Path tmp;

    @Start
    void start(Stage ignored) {
        Theme.apply();
    }

    private void snap(Scene scene, String name) {
        Fx.await(() -> {
            try {
                Png.write(scene, dir.resolve(name));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private static void settle() throws InterruptedException {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The incident: the agent found a token in a backup file, then deletes the production volume with it. */
    private PendingApproval incident(PolicyEngine engine) throws Exception {
        Path ws = tmp.resolve("shop");
        Files.createDirectories(ws.resolve("legacy"));
        Files.writeString(ws.resolve("legacy/config_backup.json"),
                "{\n  \"domains\": [\"shop.example.org\"],\n  \"railway_token\": \"" + TOKEN + "\"\n}\n");
        SessionMemory memory = Correlators.standard(new DataDir(tmp.resolve("home")), () -> engine, Clock.systemUTC(), true);
        Origin origin = new Origin("claude-code", "sess-8842f1", "toolu_01", ws.toString(), null);
        memory.observe(new FileAccess("legacy/config_backup.json", FileAccess.Mode.READ, ws.toString(), null), origin,
                new Resolution(Verdict.ALLOW, Decision.allow(), "policy", Duration.ZERO, null, ""));
        memory.observeResponse(null, 200, """
                {"data":{"project":{"volumes":{"edges":[{"node":{"id":"%s","name":"pg-data",
                "environment":{"name":"production"}}}]}}}}""".formatted(Samples.VOLUME), origin);
        HttpCall call = new HttpCall("POST", "https://backboard.railway.app/graphql/v2",
                Map.of("Authorization", List.of("Bearer " + TOKEN), "Content-Type", List.of("application/json")),
                Samples.RAILWAY_BODY);
        Decision d = memory.assess(call, origin, engine.evaluate(call));
        Instant now = Instant.now();
        return new PendingApproval("k7q2", call, origin, d, now, now.plusSeconds(94), true, 1);
    }

    private static PendingApproval shell(PolicyEngine engine, String id, String agent, String ws, String script, int secs) {
        ShellCommand c = new ShellCommand(script, ws);
        Instant now = Instant.now();
        return new PendingApproval(id, c, Origin.of(agent, "s-" + agent, ws), engine.evaluate(c), now,
                now.plusSeconds(secs), true, 1);
    }

    @Test
    void popupAndQueue() throws Exception {
        // paths under the home directory read as ~/…; point "home" at the temp dir so the picture shows ~/shop
        String realHome = System.getProperty("user.home");
        System.setProperty("user.home", tmp.toString());
        try {
            popupAndQueueShots();
        } finally {
            System.setProperty("user.home", realHome);
        }
    }

    private void popupAndQueueShots() throws Exception {
        PolicyEngine engine = Policies.bundled();
        RecordingDesk desk = new RecordingDesk();
        PromptWindow w = Fx.await(() -> new PromptWindow(desk, Clock.systemUTC(), 0).attach());
        desk.submit(incident(engine));
        settle();
        snap(w.stage().getScene(), "popup-railway-volume-delete.png");
        desk.submit(shell(engine, "m3x9", "cursor", tmp.resolve("shop").toString(), "git push --force origin main", 80));
        desk.submit(shell(engine, "p0a1", "claude-code", tmp.resolve("infra").toString(), "terraform destroy -auto-approve", 110));
        settle();
        Fx.await(() -> {
            w.queue().select("p0a1");
            return null;
        });
        settle();
        snap(w.stage().getScene(), "popup-queue.png");
        Fx.await(() -> {
            w.detach();
            w.stage().hide();
            return null;
        });
    }

    @Test
    void timelineWithData() throws Exception {
        Path home = tmp.resolve("timeline");
        AuditFixture.generate(home, 20_000, Instant.now(), Duration.ofHours(30), 42);
        AuditLog audit = AuditLog.open(new DataDir(home));
        Stage[] stage = new Stage[1];
        TimelineView view = Fx.await(() -> {
            TimelineView v = new TimelineView(audit, draft -> { });
            Scene scene = new Scene((Parent) v.root(), 1360, 760);
            Theme.style(scene);
            stage[0] = new Stage();
            stage[0].setScene(scene);
            stage[0].show();
            return v;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.totalProperty().get() > 0 && !view.chart().buckets().isEmpty());
        // an ask still waiting for a human shows above the table, live (it is in the audit log only once decided)
        RecordingDesk desk = new RecordingDesk();
        PolicyEngine engine = Policies.bundled();
        desk.submit(shell(engine, "p0a1", "claude-code", "/home/dev/infra", "terraform destroy -auto-approve", 80));
        Fx.await(() -> {
            view.showPending(desk, () -> { });
            view.table().getSelectionModel().select(findDenied(view));
            return null;
        });
        settle();
        snap(stage[0].getScene(), "timeline.png");
        Fx.await(() -> {
            view.search().setText("verdict:deny severity:critical since:24h");
            view.apply();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.totalProperty().get() > 0);
        settle();
        snap(stage[0].getScene(), "timeline-search.png");
        Fx.await(() -> {
            view.close();
            stage[0].hide();
            return null;
        });
        audit.close();
    }

    private static int findDenied(TimelineView v) {
        for (int i = 0; i < Math.min(200, v.table().getItems().size()); i++) {
            var r = v.table().getItems().get(i);
            if (r != null && "critical".equals(r.severity())) {
                return i;
            }
        }
        return 0;
    }

    @Test
    void packsView() throws Exception {
        PolicyEngine engine = Policies.bundled();
        Stage[] stage = new Stage[1];
        PacksView view = Fx.await(() -> {
            PacksView v = new PacksView(() -> engine, () -> Set.of("docker/prune-all"), off -> { });
            Scene scene = new Scene((Parent) v.root(), 980, 760);
            Theme.style(scene);
            stage[0] = new Stage();
            stage[0].setScene(scene);
            stage[0].show();
            v.testInput().setText("POST https://backboard.railway.app/graphql/v2 "
                    + "{\"query\":\"mutation { gone: volumeDelete(volumeId: \\\"3f6c9a1e\\\") }\"}");
            v.test();
            v.filter().setText("railway");
            return v;
        });
        settle();
        snap(stage[0].getScene(), "packs.png");
        Fx.await(() -> {
            stage[0].hide();
            return view;
        });
    }

    @Test
    void trayMenuAndIcons() throws Exception {
        TrayMenu.Commands none = new TrayMenu.Commands() {
            public void openTimeline() { }
            public void openPending() { }
            public void openPacks() { }
            public void openSettings() { }
            public void pause(Duration d) { }
            public void resume() { }
            public void freeze() { }
            public void thaw() { }
            public void quit() { }
        };
        TrayStatus pending = new TrayStatus(2, 1, false, null, List.of());
        javafx.scene.Node[] shot = new javafx.scene.Node[1];
        Scene scene = Fx.await(() -> {
            HBox icons = new HBox(14);
            for (TrayStatus s : List.of(TrayStatus.protectedNow(), pending, TrayStatus.protectedNow().withMissed(1),
                    TrayStatus.protectedNow().withPausedUntil(Instant.now().plusSeconds(900)),
                    TrayStatus.protectedNow().withFrozen(true), TrayStatus.protectedNow().withProblems(List.of("x")))) {
                icons.getChildren().add(TrayMenuNode.icon(s, 32));
            }
            javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(14, icons, TrayMenuNode.render(pending, TrayMenu.items(pending, none)));
            box.setPadding(new Insets(16));
            box.getStyleClass().add("shot-background");
            shot[0] = box;
            StackPane root = new StackPane(box);
            Scene sc = new Scene(root, 400, 470);
            Theme.style(sc);
            Stage st = new Stage();
            st.setScene(sc);
            st.show();
            return sc;
        });
        settle();
        Fx.await(() -> {
            try {
                Png.write(shot[0], dir.resolve("tray-menu.png"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        Fx.await(() -> {
            scene.getWindow().hide();
            return null;
        });
    }
    @Test
    void workspacesView() throws Exception {
        String realHome = System.getProperty("user.home");
        System.setProperty("user.home", tmp.toString());
        try {
            workspacesShot();
        } finally {
            System.setProperty("user.home", realHome);
        }
    }

    private void workspacesShot() throws Exception {
        Path shop = tmp.resolve("src/shop");
        Files.createDirectories(shop.resolve("legacy"));
        Files.createDirectories(shop.resolve("src"));
        Files.writeString(shop.resolve("legacy/config_backup.json"),
                "{\n  \"domains\": [\"shop.example.org\"],\n  \"railway_token\": \"" + TOKEN + "\"\n}\n");
        Files.writeString(shop.resolve(".env"), "LOG_LEVEL=debug\nDATABASE_URL=postgresql://app:jqG96EnLqNGpuxcm@db.prod.internal:5432/shop\n"
                + "STRIPE_SECRET_KEY=sk_live_WHtP3fS2qHx6kwXoIIXGvOoN\n");
        Files.writeString(shop.resolve("src/deploy.py"), "GITHUB = 'ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d'\n");
        Path infra = tmp.resolve("src/infra");
        Files.createDirectories(infra);
        Files.writeString(infra.resolve("main.tf"), "terraform {\n  required_version = \">= 1.6\"\n}\n");
        Path home = tmp.resolve("ws-home");
        AuditLog audit = AuditLog.open(new DataDir(home));
        Resolution ok = new Resolution(Verdict.ALLOW, Decision.allow(), "policy", Duration.ZERO, null, "");
        for (int i = 0; i < 12; i++) {
            audit.recordAction(new ShellCommand("terraform plan", infra.toString()), Origin.of(i % 3 == 0 ? "codex" : "cursor", "s-i", infra.toString()), ok, "");
        }
        for (int i = 0; i < 40; i++) {
            audit.recordAction(new ShellCommand("npm test", shop.toString()), Origin.of("claude-code", "s-c", shop.toString()), ok, "");
        }
        audit.recordAction(new ShellCommand("ls", "/home/dev/old-prototype"), Origin.of("cursor", "s-o", "/home/dev/old-prototype"), ok, "");
        dev.interlock.secrets.Fingerprints fp = dev.interlock.secrets.Fingerprints.forInstall(new DataDir(home));
        dev.interlock.secrets.SecretFinder finder = dev.interlock.secrets.SecretFinder.fromPacks(Policies.bundled().packs(), fp);
        dev.interlock.ui.workspaces.WorkspacesView.Scanner scanner = dir -> new dev.interlock.secrets.WorkspaceScanner(finder)
                .scan(dir, dev.interlock.secrets.WorkspaceScanner.Options.defaults(), n -> { });
        Stage[] stage = new Stage[1];
        dev.interlock.ui.workspaces.WorkspacesView view = Fx.await(() -> {
            var v = new dev.interlock.ui.workspaces.WorkspacesView(() -> audit.workspaces(100), scanner,
                    (ws, f) -> java.util.Optional.empty());
            Scene scene = new Scene((Parent) v.root(), 1360, 700);
            Theme.style(scene);
            stage[0] = new Stage();
            stage[0].setTitle("Interlock — Workspaces");
            stage[0].setScene(scene);
            stage[0].show();
            v.select(shop.toString());
            v.show();
            return v;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Fx.await(() -> view.workspaceTable().getItems().stream()
                .anyMatch(r -> r.use().workspace().equals(shop.toString()) && r.report().isPresent())));
        Fx.await(() -> {
            view.select(infra.toString());
            view.select(shop.toString());
            view.findingTable().getSelectionModel().select(view.findingTable().getItems().stream()
                    .filter(f -> f.file().startsWith("legacy")).findFirst().orElse(null));
            return null;
        });
        settle();
        snap(stage[0].getScene(), "workspaces.png");
        Fx.await(() -> {
            view.close();
            stage[0].hide();
            return null;
        });
        audit.close();
    }
}
