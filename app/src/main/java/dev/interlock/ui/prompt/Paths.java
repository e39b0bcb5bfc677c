package dev.interlock.ui.prompt;

/** Paths as people read them: the home directory shown as {@code ~}. */
public final class Paths {
    private Paths() {
    }

    public static String tilde(String path) {
        if (path == null) {
            return null;
        }
        String home = System.getProperty("user.home");
        if (home == null || home.isBlank() || home.equals("/")) {
            return path;
        }
        if (path.equals(home)) {
            return "~";
        }
        return path.startsWith(home + "/") ? "~" + path.substring(home.length()) : path;
    }
}
