package dev.interlock.ui.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * "Start at login" as the desktop understands it: an XDG autostart entry on Linux, a LaunchAgent on macOS, a
 * script in the Startup folder on Windows. The entry's presence is the setting.
 */
public final class Autostart {
    private final Path entry;
    private final String launcher;

    public Autostart(Path entry, String launcher) {
        this.entry = entry;
        this.launcher = launcher;
    }

    /** The entry for this OS and user, starting {@code launcher} (the installed {@code bin/interlock}). */
    public static Autostart forThisUser(String launcher) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.contains("mac")) {
            return new Autostart(Path.of(home, "Library", "LaunchAgents", "dev.interlock.plist"), launcher);
        }
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return new Autostart(Path.of(appData != null ? appData : home, "Microsoft", "Windows", "Start Menu", "Programs",
                    "Startup", "Interlock.cmd"), launcher);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".config");
        return new Autostart(config.resolve("autostart").resolve("interlock.desktop"), launcher);
    }

    public Path entry() {
        return entry;
    }

    public boolean enabled() {
        return Files.exists(entry);
    }

    public void set(boolean on) throws IOException {
        if (!on) {
            Files.deleteIfExists(entry);
            return;
        }
        Files.createDirectories(entry.getParent());
        String name = entry.getFileName().toString();
        String body;
        if (name.endsWith(".plist")) {
            body = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                    <plist version="1.0"><dict>
                      <key>Label</key><string>dev.interlock</string>
                      <key>ProgramArguments</key><array><string>%s</string></array>
                      <key>RunAtLoad</key><true/>
                    </dict></plist>
                    """.formatted(xml(launcher));
        } else if (name.endsWith(".cmd")) {
            body = "@start \"\" \"" + launcher + "\"\r\n";
        } else {
            body = """
                    [Desktop Entry]
                    Type=Application
                    Name=Interlock
                    Comment=Stands between AI coding agents and destructive actions
                    Exec="%s"
                    X-GNOME-Autostart-enabled=true
                    Terminal=false
                    """.formatted(launcher.replace("\"", "\\\""));
        }
        Files.writeString(entry, body, StandardCharsets.UTF_8);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The launcher of this installation: {@code <app home>/bin/interlock}, or "interlock" on the PATH. */
    public static String currentLauncher() {
        String appHome = System.getProperty("interlock.app.home");
        boolean win = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        if (appHome != null && !appHome.isBlank()) {
            return Path.of(appHome, "bin", win ? "interlock.cmd" : "interlock").toAbsolutePath().toString();
        }
        return "interlock";
    }
}
