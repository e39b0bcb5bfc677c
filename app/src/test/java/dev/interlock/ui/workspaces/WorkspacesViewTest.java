package dev.interlock.ui.workspaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.Origin;
import dev.interlock.action.ShellCommand;
import dev.interlock.audit.AuditLog;
import dev.interlock.broker.Resolution;
import dev.interlock.config.DataDir;
import dev.interlock.config.Settings;
import dev.interlock.correlate.AllowedCredentials;
import dev.interlock.policy.Decision;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.Verdict;
import dev.interlock.secrets.Fingerprints;
import dev.interlock.secrets.SecretFinder;
import dev.interlock.secrets.WorkspaceScanner;
import dev.interlock.ui.MainWindow;
import dev.interlock.ui.fx.Fx;
import dev.interlock.ui.fx.Theme;
import dev.interlock.ui.packs.PacksView;
import dev.interlock.ui.settings.Autostart;
import dev.interlock.ui.settings.SettingsView;
import dev.interlock.ui.timeline.TimelineView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
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
class WorkspacesViewTest {
    static final String RAILWAY = "453bf491-2e7a-46e9-876c-603fe7e8f9f6";
    static final String GITHUB = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d";

    @TempDir
    Path tmp;
    private AuditLog audit;
    private MainWindow window;

    @Start
    void start(Stage ignored) {
        Theme.apply();
    }

    @AfterEach
    void close() {
        if (window != null) {
            Fx.await(() -> {
                window.workspaces().close();
                window.timeline().close();
                window.stage().hide();
                return null;
            });
        }
        if (audit != null) {
            audit.close();
        }
    }

    private static Resolution allowed() {
        return new Resolution(Verdict.ALLOW, Decision.allow(), "policy", Duration.ZERO, null, "");
    }

    @Test
    void eachWorkspaceAnAgentUsedIsScannedInTheBackgroundWithASuggestionPerCredential(FxRobot robot) throws Exception {
        Path shop = tmp.resolve("shop");
        Files.createDirectories(shop.resolve("legacy"));
        Files.createDirectories(shop.resolve("src"));
        Files.writeString(shop.resolve("legacy/config_backup.json"),
                "{\"domains\": [\"shop.example.org\"],\n \"railway_token\": \"" + RAILWAY + "\"}\n");
        Files.writeString(shop.resolve(".env"), "LOG_LEVEL=debug\nDATABASE_URL=postgresql://app:jqG96EnLqNGpuxcm@db.prod.internal:5432/shop\n");
        Files.writeString(shop.resolve("src/keys.py"), "GITHUB = '" + GITHUB + "'\n");
        Path clean = tmp.resolve("clean");
        Files.createDirectories(clean.resolve("src"));
        Files.writeString(clean.resolve("src/app.ts"), "export const answer = 42;\n");

        Path home = tmp.resolve("home");
        audit = AuditLog.open(new DataDir(home));
        audit.recordAction(new ShellCommand("ls", clean.toString()), Origin.of("cursor", "s2", clean.toString()), allowed(), "");
        for (int i = 0; i < 3; i++) {
            audit.recordAction(new ShellCommand("cat legacy/config_backup.json", shop.toString()),
                    Origin.of("claude-code", "s1", shop.toString()), allowed(), "");
        }
        audit.recordAction(new ShellCommand("ls", "/nonexistent/elsewhere"), Origin.of("codex", "s3", "/nonexistent/elsewhere"),
                allowed(), "");

        Fingerprints fp = new Fingerprints(new byte[32]);
        SecretFinder finder = SecretFinder.fromPacks(List.of(Policies.loader().load(Policies.bundledPacksDir().resolve("secrets.yaml"))), fp);
        List<String> scanThreads = new CopyOnWriteArrayList<>();
        WorkspacesView.Scanner scanner = dir -> {
            scanThreads.add((Platform.isFxApplicationThread() ? "FX:" : "") + Thread.currentThread().getName());
            return new WorkspaceScanner(finder).scan(dir, WorkspaceScanner.Options.defaults(), n -> { });
        };
        AllowedCredentials allowedFile = AllowedCredentials.load(tmp.resolve("allowed-credentials.json"));
        allowedFile.add(new AllowedCredentials.Entry(shop.toString(), fp.of(GITHUB), "CI token"));

        PolicyEngine engine = Policies.bundled();
        window = Fx.await(() -> {
            TimelineView timeline = new TimelineView(audit, d -> { });
            PacksView packs = new PacksView(() -> engine, Set::of, off -> { });
            SettingsView settings = new SettingsView(Settings::new, s -> List.of(), new Autostart(tmp.resolve("autostart.desktop"), "interlock"));
            WorkspacesView ws = new WorkspacesView(() -> audit.workspaces(100), scanner, allowedFile::allowed);
            MainWindow w = new MainWindow(timeline, packs, settings, ws);
            w.show(MainWindow.Page.TIMELINE);
            return w;
        });
        robot.clickOn("Workspaces");
        assertEquals("Interlock — Workspaces", Fx.await(() -> window.stage().getTitle()));
        WorkspacesView view = window.workspaces();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Fx.await(() -> view.workspaceTable().getItems().size() == 3
                && view.workspaceTable().getItems().stream().noneMatch(r -> r.state().equals("queued") || r.state().startsWith("scanning")
                || r.state().startsWith("waiting"))));
        List<WorkspacesView.WorkspaceRow> rows = Fx.await(() -> List.copyOf(view.workspaceTable().getItems()));
        assertEquals("/nonexistent/elsewhere", rows.get(0).use().workspace(), "most recently used first");
        assertEquals("not on this machine", rows.get(0).state());
        assertEquals(shop.toString(), rows.get(1).use().workspace());
        assertEquals(3, rows.get(1).use().actions());
        assertEquals(List.of("claude-code"), rows.get(1).use().agents());
        assertEquals("3 credentials", rows.get(1).state());
        assertEquals("clean", rows.get(2).state());
        assertEquals(2, scanThreads.size(), "the two existing workspaces were scanned once each: " + scanThreads);
        assertTrue(scanThreads.stream().allMatch(t -> t.equals("interlock-workspace-scan")), "never on the FX thread: " + scanThreads);

        Fx.await(() -> {
            view.select(shop.toString());
            return null;
        });
        List<WorkspacesView.FindingRow> findings = Fx.await(() -> List.copyOf(view.findingTable().getItems()));
        assertEquals(3, findings.size());
        WorkspacesView.FindingRow railway = findings.stream().filter(f -> f.file().equals("legacy/config_backup.json")).findFirst().orElseThrow();
        assertEquals(2, railway.line());
        assertTrue(railway.kind().toLowerCase().contains("railway"), railway.kind());
        assertFalse(railway.masked().contains("2e7a-46e9"), "masked: " + railway.masked());
        assertTrue(railway.risk().contains("account-wide"), railway.risk());
        assertTrue(railway.suggestion().contains("secret manager") && railway.suggestion().contains("delete the file")
                && railway.suggestion().contains("rotate"), railway.suggestion());
        assertTrue(railway.allowCommand().startsWith("interlock credentials allow " + fp.of(RAILWAY) + " --workspace "),
                railway.allowCommand());
        WorkspacesView.FindingRow env = findings.stream().filter(f -> f.file().equals(".env")).findFirst().orElseThrow();
        assertEquals(2, env.line());
        assertFalse(env.masked().contains("jqG96EnLqNGpuxcm"), env.masked());
        assertTrue(env.suggestion().startsWith("Move it out of the workspace"), env.suggestion());
        WorkspacesView.FindingRow github = findings.stream().filter(f -> f.file().equals("src/keys.py")).findFirst().orElseThrow();
        assertTrue(github.suggestion().startsWith("Allowed here as 'CI token'"), github.suggestion());
        String shown = Fx.await(() -> ((javafx.scene.control.Label) view.root().lookup("#workspaces-suggestion")).getText());
        assertTrue(shown.startsWith("What to do: "), shown);

        // a credential appears later: the Scan button finds it
        Files.writeString(clean.resolve(".env.local"), "STRIPE_SECRET_KEY=sk_live_" + "WHtP3fS2qHx6kwXoIIXGvOoN\n");
        Fx.await(() -> {
            view.select(clean.toString());
            return null;
        });
        robot.clickOn("#workspaces-scan");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Fx.await(() -> view.workspaceTable().getItems().get(2).state())
                .endsWith("credential"));
        assertEquals(".env.local", Fx.await(() -> view.findingTable().getItems().get(0).file()));
    }
}
