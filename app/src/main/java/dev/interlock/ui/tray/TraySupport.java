package dev.interlock.ui.tray;

import java.util.Locale;
import java.util.Optional;

/** AWT's own answer to "is there a system tray here?", for {@code interlock doctor} (AWT stays in this package). */
public final class TraySupport {
    private TraySupport() {
    }

    /** Empty when a tray host answers, else why not. {@code isHeadless()} first: a headless JVM never touches the toolkit. */
    public static Optional<String> whyNot() {
        if (java.awt.GraphicsEnvironment.isHeadless()) {
            return Optional.of("the JVM is headless");
        }
        if (java.awt.SystemTray.isSupported()) {
            return Optional.empty();
        }
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        return Optional.of(linux ? "no tray host on this desktop (GNOME needs the AppIndicator extension; plain X needs "
                + "a tray such as trayer or stalonetray; pure Wayland has none)" : "the desktop reports no system tray");
    }
}
