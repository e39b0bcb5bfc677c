package dev.interlock.exec;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment {@code interlock run} gives an agent: shims first on PATH, the guarded shell as SHELL, and what
 * the shims need to find Interlock. {@code interlock run} adds the proxy's variables on top.
 */
public final class RunEnvironment {
    private RunEnvironment() {
    }

    /**
     * @param base      the environment to start from (usually this process's)
     * @param shimDir   directory from {@link ShimDir#ensure}
     * @param appHome   the installation (for {@code share/hooks})
     * @param agentName recorded as the origin of every checked command
     */
    public static Map<String, String> build(Map<String, String> base, Path shimDir, Path appHome, String agentName) {
        Map<String, String> env = new LinkedHashMap<>(base);
        String shims = shimDir.toAbsolutePath().toString();
        List<String> path = new ArrayList<>();
        path.add(shims);
        for (String p : String.valueOf(base.getOrDefault("PATH", "/usr/bin:/bin")).split(File.pathSeparator)) {
            if (!p.equals(shims)) {
                path.add(p);
            }
        }
        env.put("PATH", String.join(File.pathSeparator, path));
        Path hooks = appHome.resolve("share/hooks").toAbsolutePath();
        String shell = base.get("SHELL");
        if (shell == null || shell.isBlank() || shell.endsWith("interlock-sh")) {
            shell = base.getOrDefault("INTERLOCK_REAL_SHELL", "/bin/sh");
        }
        env.put("INTERLOCK_REAL_SHELL", shell);
        env.put("SHELL", hooks.resolve("interlock-sh").toString());
        env.put("INTERLOCK_SHIM_DIR", shims);
        env.put("INTERLOCK_HOOK_CLIENT", hooks.resolve("interlock-hook").toString());
        env.put("INTERLOCK_APP_HOME", appHome.toAbsolutePath().toString());
        env.put("INTERLOCK_RUN_AGENT", agentName);
        return env;
    }
}
