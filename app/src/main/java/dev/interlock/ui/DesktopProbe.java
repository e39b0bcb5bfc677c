package dev.interlock.ui;

import dev.interlock.ui.hotkey.HotkeySpec;
import dev.interlock.ui.hotkey.KillSwitchHotkey;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the desktop offers the tray app, checked the way the app would use it, without starting JavaFX (for
 * {@code interlock doctor}): a display, a system tray host, the global kill-switch hotkey, and what stands in for
 * whatever is missing. Every check is bounded in time and catches everything: a doctor must not crash or hang on
 * the machine it is diagnosing.
 */
public final class DesktopProbe {
    /** One check: whether it works, and a sentence saying why not (or what was found). */
    public record Check(boolean ok, String detail) {
    }

    /** @param standIn what the user gets instead of a missing tray or hotkey */
    public record Report(Check display, Check tray, Check hotkey, String standIn) {
    }

    private DesktopProbe() {
    }

    /** Why no desktop UI can run here (no display, headless JVM), or empty when one can. */
    public static Optional<String> whyNoDisplay(Map<String, String> env) {
        if (Boolean.getBoolean("java.awt.headless")) {
            return Optional.of("java.awt.headless is set");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux") || os.contains("bsd")) {
            String display = env.get("DISPLAY");
            if (display == null || display.isBlank()) {
                return Optional.of(env.get("WAYLAND_DISPLAY") != null
                        ? "Wayland without XWayland (DISPLAY is not set)" : "no display (DISPLAY is not set)");
            }
        }
        return Optional.empty();
    }

    /** Runs every check; {@code hotkey} is the configured kill-switch hotkey text. */
    public static Report probe(String hotkey, Duration timeout) {
        Optional<String> noDisplay = whyNoDisplay(System.getenv());
        Check display = noDisplay.map(why -> new Check(false, why))
                .orElseGet(() -> new Check(true, displayName()));
        Check tray = noDisplay.isPresent() ? new Check(false, "needs a display") : bounded(DesktopProbe::tray, timeout,
                "the AWT system tray check");
        Check key = noDisplay.isPresent() && isLinux() ? new Check(false, "needs an X display")
                : bounded(() -> hotkey(hotkey), timeout, "the native keyboard hook");
        return new Report(display, tray, key, standIn(display, tray, key, hotkey));
    }

    private static String displayName() {
        String d = System.getenv("DISPLAY");
        String w = System.getenv("WAYLAND_DISPLAY");
        if (d != null && !d.isBlank()) {
            return "DISPLAY=" + d + (w != null ? " (XWayland on Wayland " + w + ")" : "");
        }
        return "the desktop session";
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    static Check tray() {
        return dev.interlock.ui.tray.TraySupport.whyNot().map(why -> new Check(false, why))
                .orElseGet(() -> new Check(true, "a tray host answers (SystemTray.isSupported)"));
    }

    static Check hotkey(String text) {
        HotkeySpec spec;
        try {
            spec = HotkeySpec.parse(text);
        } catch (IllegalArgumentException e) {
            return new Check(false, "the configured hotkey '" + text + "' is not valid: " + e.getMessage());
        }
        KillSwitchHotkey k = new KillSwitchHotkey(spec, () -> { });
        Optional<String> why = k.start();
        k.stop();
        return why.map(w -> new Check(false, w)).orElseGet(() -> new Check(true, spec + " can be registered"));
    }

    private static Check bounded(java.util.function.Supplier<Check> check, Duration timeout, String what) {
        CompletableFuture<Check> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(check.get());
            } catch (Throwable e) {
                f.complete(new Check(false, what + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage())));
            }
        }, "interlock-desktop-probe");
        t.setDaemon(true);
        t.start();
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return new Check(false, what + " did not answer within " + timeout.toSeconds() + " s");
        } catch (Exception e) {
            return new Check(false, what + " failed: " + e);
        }
    }

    private static String standIn(Check display, Check tray, Check hotkey, String keyText) {
        StringBuilder sb = new StringBuilder();
        if (!display.ok()) {
            sb.append("no window at all: `interlock` runs headless (as `interlock serve --headless`); answer asks with "
                    + "`interlock approvals`, stop every agent with `interlock freeze`.");
            return sb.toString();
        }
        if (tray.ok()) {
            sb.append("the tray icon carries the status and the menu.");
        } else {
            sb.append("a small always-available \"Interlock\" window stands in for the tray: the same status, menu and "
                    + "notifications (closing it only minimises it).");
        }
        if (!hotkey.ok()) {
            sb.append(" The kill switch is the menu's \"Freeze all agents\" item or `interlock freeze` instead of ")
                    .append(keyText).append('.');
        }
        return sb.toString();
    }
}
