package dev.interlock.ui.fx;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;

/**
 * The look: AtlantaFX Primer, light or dark following the OS (JavaFX 21 has no colour-scheme API, so ask the
 * desktop: gsettings on GNOME, {@code defaults} on macOS, the registry on Windows), plus Interlock's own CSS.
 */
public final class Theme {
    private static final String APP_CSS = Theme.class.getResource("/dev/interlock/ui/interlock.css").toExternalForm();
    private static volatile Boolean dark;

    private Theme() {
    }

    /** Applies the theme to the whole toolkit; call once on the FX thread. {@code -Dinterlock.theme=dark|light}. */
    public static void apply() {
        Application.setUserAgentStylesheet(isDark() ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public static void style(Scene scene) {
        if (!scene.getStylesheets().contains(APP_CSS)) {
            scene.getStylesheets().add(APP_CSS);
        }
        scene.getRoot().getStyleClass().removeAll("theme-dark", "theme-light");
        scene.getRoot().getStyleClass().add(isDark() ? "theme-dark" : "theme-light");
    }

    public static boolean isDark() {
        if (dark == null) {
            String forced = System.getProperty("interlock.theme", "");
            dark = forced.isBlank() ? detectOsDark() : forced.equalsIgnoreCase("dark");
        }
        return dark;
    }

    static boolean detectOsDark() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return run(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).toLowerCase(Locale.ROOT).contains("dark");
        }
        if (os.contains("win")) {
            String out = run(List.of("reg", "query",
                    "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize", "/v", "AppsUseLightTheme"));
            return out.contains("0x0");
        }
        String scheme = run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
        if (scheme.contains("dark")) {
            return true;
        }
        String gtk = System.getenv("GTK_THEME");
        return gtk != null && gtk.toLowerCase(Locale.ROOT).contains("dark");
    }

    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                out = r.lines().reduce("", (a, b) -> a + b);
            }
            p.waitFor(2, TimeUnit.SECONDS);
            return out;
        } catch (Exception e) {
            return "";
        }
    }
}
