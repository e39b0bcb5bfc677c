package dev.interlock.policy.file;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Resolves paths the way a shell would see them: {@code ~} is the home directory, relative means cwd. */
public final class PathResolver {
    private PathResolver() {
    }

    public static String home() {
        return System.getProperty("user.home");
    }

    /** Absolute normalised form with forward slashes; the input unchanged when it cannot be a path. */
    public static String resolve(String path, String cwd) {
        String p = path;
        if (p.equals("~") || p.startsWith("~/")) {
            p = home() + p.substring(1);
        } else if (p.startsWith("$HOME/") || p.equals("$HOME")) {
            p = home() + p.substring(5);
        }
        try {
            Path base = cwd == null ? Path.of("/") : Path.of(cwd);
            Path resolved = base.resolve(p).normalize();
            return resolved.toString().replace('\\', '/');
        } catch (InvalidPathException e) {
            return path;
        }
    }
}
