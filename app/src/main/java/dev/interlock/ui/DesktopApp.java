package dev.interlock.ui;

import dev.interlock.audit.AuditRecord;
import dev.interlock.broker.ApprovalListener;
import dev.interlock.broker.PendingApproval;
import dev.interlock.broker.Resolution;
import dev.interlock.config.Settings;
import dev.interlock.service.GuardService;
import dev.interlock.ui.fx.Fx;
import dev.interlock.ui.fx.Theme;
import dev.interlock.ui.hotkey.HotkeySpec;
import dev.interlock.ui.hotkey.KillSwitchHotkey;
import dev.interlock.ui.packs.PacksView;
import dev.interlock.ui.packs.RuleDialog;
import dev.interlock.ui.prompt.PromptWindow;
import dev.interlock.ui.settings.Autostart;
import dev.interlock.ui.settings.SettingsView;
import dev.interlock.ui.timeline.TimelineView;
import dev.interlock.ui.tray.FallbackWindow;
import dev.interlock.ui.tray.SystemTrayHost;
import dev.interlock.ui.tray.TrayHost;
import dev.interlock.ui.tray.TrayMenu;
import dev.interlock.ui.tray.TrayStatus;
import dev.interlock.ui.workspaces.WorkspacesView;
import dev.interlock.correlate.AllowedCredentials;
import dev.interlock.correlate.Correlators;
import dev.interlock.secrets.Fingerprints;
import dev.interlock.secrets.SecretFinder;
import dev.interlock.secrets.WorkspaceScanner;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;

/**
 * The desktop side of one Interlock process: the tray (or its stand-in window), the confirmation pop-up, the main
 * window, the kill-switch hotkey and pause. The guard service is started by the caller ({@code interlock} /
 * {@code interlock serve}); this class only presents it. Not an {@code Application} subclass: the toolkit is
 * started with {@link Fx#startup()}.
 */
public final class DesktopApp implements TrayMenu.Commands {
    private final GuardService guard;
    private final Supplier<List<String>> health;
    private final Consumer<String> say;
    private PromptWindow prompt;
    private TrayHost tray;
    private MainWindow main;
    private KillSwitchHotkey hotkey;
    private TrayStatus status = TrayStatus.protectedNow();
    private final Set<String> missedApprovals = new java.util.HashSet<>();
    private boolean shown;

    private DesktopApp(GuardService guard, Supplier<List<String>> health, Consumer<String> say) {
        this.guard = guard;
        this.health = health;
        this.say = say;
    }

    /** Why no desktop UI can run here (no display, headless JVM), or empty when one can. */
    public static Optional<String> whyNoDisplay() {
        return DesktopProbe.whyNoDisplay(System.getenv());
    }

    /**
     * Starts the desktop UI over a running guard, or explains why it cannot (then the caller stays headless).
     *
     * @param health extra problems to show as "unhealthy" (for example the control server not answering)
     * @param say    where to write the one-line notices (stdout of {@code interlock})
     */
    public static Optional<DesktopApp> tryStart(GuardService guard, Supplier<List<String>> health, Consumer<String> say) {
        Optional<String> why = whyNoDisplay();
        if (why.isPresent()) {
            say.accept("No desktop here (" + why.get() + "): running headless. Approve asks with `interlock approvals`.");
            return Optional.empty();
        }
        try {
            Fx.startup();
        } catch (Throwable t) {
            say.accept("The desktop UI could not start (" + t.getMessage() + "): running headless. Approve asks with "
                    + "`interlock approvals`.");
            return Optional.empty();
        }
        DesktopApp app = new DesktopApp(guard, health, say);
        Fx.await(() -> {
            app.build();
            return null;
        });
        return Optional.of(app);
    }

    private void build() {
        Theme.apply();
        prompt = new PromptWindow(guard.desk(), Clock.systemUTC(), PromptWindow.INPUT_GUARD_MILLIS);
        prompt.preselect(() -> switch (guard.settings().defaultGrant()) {
            case "minutes" -> dev.interlock.broker.Grant.Lifetime.MINUTES;
            case "session" -> dev.interlock.broker.Grant.Lifetime.SESSION;
            case "always" -> dev.interlock.broker.Grant.Lifetime.ALWAYS;
            default -> dev.interlock.broker.Grant.Lifetime.ONCE;
        });
        prompt.onPendingCount(n -> update(status.withPending(n)));
        guard.desk().subscribe(new ApprovalListener() {
            @Override
            public void added(PendingApproval p) {
            }

            @Override
            public void updated(PendingApproval p) {
            }

            @Override
            public void resolved(PendingApproval p, Resolution r) {
            }

            @Override
            public void frozenChanged(boolean frozen) {
                Fx.run(() -> update(status.withFrozen(frozen)));
            }

            @Override
            public void pauseChanged(Instant until) {
                Fx.run(() -> update(status.withPausedUntil(until)));
            }
        });
        prompt.attach();
        guard.audit().addListener(this::audited);
        if (SystemTrayHost.supported()) {
            try {
                tray = new SystemTrayHost();
            } catch (Throwable t) {
                tray = new FallbackWindow("The system tray refused the icon (" + t.getMessage() + "); this window "
                        + "stands in for it.");
            }
        } else {
            tray = new FallbackWindow("This desktop has no system tray; this window stands in for it. Closing it "
                    + "only minimises it.");
            say.accept("No system tray on this desktop: showing the Interlock window instead.");
        }
        status = status.withFrozen(guard.desk().frozen());
        startHotkey();
        guard.addAlertListener(alert -> Fx.run(() -> notice("Interlock: many files changed in " + alert.workspace(),
                alert.describe() + ". If an agent is doing this, freeze every agent now: the tray's \"Freeze all "
                        + "agents\" item or the kill-switch hotkey.")));
        Timeline tick = new Timeline(new KeyFrame(javafx.util.Duration.seconds(3), e -> housekeeping()));
        tick.setCycleCount(Animation.INDEFINITE);
        tick.play();
        housekeeping();
    }

    private void startHotkey() {
        String text = guard.settings().hotkey();
        HotkeySpec spec;
        try {
            spec = HotkeySpec.parse(text);
        } catch (IllegalArgumentException e) {
            notice("Kill-switch hotkey not set", e.getMessage() + ". Use the tray's Freeze item.");
            return;
        }
        hotkey = new KillSwitchHotkey(spec, () -> Fx.run(this::freeze));
        Optional<String> why = hotkey.start();
        if (why.isPresent()) {
            notice("Kill-switch hotkey unavailable", "The " + spec + " hotkey is off: " + why.get()
                    + ". Use \"Freeze all agents\" in the tray menu instead.");
            hotkey = null;
        } else {
            say.accept("Kill switch: press " + spec + " anywhere to freeze every agent.");
        }
    }

    private void notice(String title, String text) {
        say.accept(title + ": " + text);
        if (tray != null) {
            tray.notify(title, text);
        }
    }

    private void housekeeping() {
        List<String> problems = new ArrayList<>(guard.problems());
        try {
            problems.addAll(health.get());
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        Instant until = guard.broker().pausedUntil().orElse(null);
        update(status.withProblems(problems).withPausedUntil(until).withFrozen(guard.desk().frozen()));
    }

    private void update(TrayStatus next) {
        Fx.checkThread();
        if (shown && next.equals(status)) {
            return;
        }
        status = next;
        if (tray != null) {
            shown = true;
            tray.show(status, TrayMenu.items(status, this));
        }
    }

    private void audited(AuditRecord r) {
        if ("timeout".equals(r.decidedBy())) {
            Fx.run(() -> {
                // the action row and the answer row of one approval are one missed decision
                if (r.approvalId() != null && !missedApprovals.add(r.approvalId())) {
                    return;
                }
                update(status.withMissed(status.missed() + 1));
                if (tray != null) {
                    tray.notify("Denied by timeout", r.agent() + ": " + dev.interlock.ui.prompt.SafeText.oneLine(
                            r.summary() == null ? "" : r.summary()));
                }
            });
        }
    }

    private MainWindow main() {
        if (main == null) {
            TimelineView timeline = new TimelineView(guard.audit(), draft ->
                    new RuleDialog(guard.dataDir().packs().resolve("user.yaml"), guard::reload, draft).show());
            PacksView packs = new PacksView(guard::engine, () -> guard.settings().disabled(), this::saveDisabled);
            SettingsView settings = new SettingsView(guard::settings, this::saveSettings,
                    Autostart.forThisUser(Autostart.currentLauncher()));
            timeline.showPending(guard.desk(), this::openPending);
            main = new MainWindow(timeline, packs, settings, workspacesView());
            timeline.onScanWorkspace(ws -> {
                main.workspaces().select(ws);
                main.show(MainWindow.Page.WORKSPACES);
            });
        }
        return main;
    }

    /** The workspaces view over the real scanner (the same detectors as `interlock scan`) and allowed labels. */
    private WorkspacesView workspacesView() {
        WorkspacesView.Scanner scanner = dir -> {
            Fingerprints fp = Fingerprints.forInstall(guard.dataDir());
            return new WorkspaceScanner(SecretFinder.fromPacks(guard.engine().packs(), fp))
                    .scan(dir, WorkspaceScanner.Options.defaults(), n -> { });
        };
        WorkspacesView.AllowedLookup allowed = (ws, fp) -> {
            try {
                return AllowedCredentials.load(Correlators.allowedCredentialsFile(guard.dataDir())).allowed(ws, fp);
            } catch (IOException e) {
                return Optional.empty();
            }
        };
        return new WorkspacesView(() -> guard.audit().workspaces(500), scanner, allowed);
    }

    private void saveDisabled(Set<String> off) {
        saveSettings(guard.settings().copy().disabled(new ArrayList<>(off)));
    }

    private List<String> saveSettings(Settings s) {
        List<String> problems = s.validate().stream().map(Settings.Problem::toString).toList();
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            s.save(guard.dataDir());
            guard.reload();
            return List.of();
        } catch (IOException e) {
            return List.of("cannot save " + guard.dataDir().settings() + ": " + e.getMessage());
        }
    }

    // ---- tray commands (FX thread)

    @Override
    public void openTimeline() {
        missedApprovals.clear();
        update(status.withMissed(0));
        main().show(MainWindow.Page.TIMELINE);
    }

    @Override
    public void openPending() {
        prompt.reveal();
    }

    @Override
    public void openPacks() {
        main().show(MainWindow.Page.PACKS);
    }

    @Override
    public void openWorkspaces() {
        main().show(MainWindow.Page.WORKSPACES);
    }

    @Override
    public void openSettings() {
        main().show(MainWindow.Page.SETTINGS);
    }

    @Override
    public void pause(Duration d) {
        // the broker owns the pause (hooks, `interlock status` and the API see it); it resolves covered asks itself
        guard.broker().pause(d, "human:tray");
        update(status.withPausedUntil(guard.broker().pausedUntil().orElse(null)));
    }

    @Override
    public void resume() {
        guard.broker().resume("human:tray");
        update(status.withPausedUntil(null));
    }

    @Override
    public void freeze() {
        guard.desk().freeze("human:" + (hotkey != null ? "hotkey" : "tray"));
        update(status.withFrozen(true));
        if (tray != null) {
            tray.notify("Interlock frozen", "Every agent action is denied until you unfreeze.");
        }
    }

    @Override
    public void thaw() {
        guard.desk().thaw("human:tray");
        update(status.withFrozen(false));
    }

    @Override
    public void quit() {
        if (hotkey != null) {
            hotkey.stop();
        }
        if (tray != null) {
            tray.close();
        }
        Platform.exit();
        Thread t = new Thread(() -> System.exit(0), "interlock-quit");
        t.start();
    }

    public TrayStatus status() {
        return status;
    }

    public PromptWindow prompt() {
        return prompt;
    }
}
