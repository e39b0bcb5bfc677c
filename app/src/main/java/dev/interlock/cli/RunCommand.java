package dev.interlock.cli;

import dev.interlock.config.DataDir;
import dev.interlock.exec.GuardedExec;
import dev.interlock.exec.RunEnvironment;
import dev.interlock.config.Settings;
import dev.interlock.proxy.ProxyEnvironment;
import dev.interlock.exec.ShimDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code interlock run -- <agent command>}: start an agent that has no hooks (Aider, Goose, Roo, scripts) with
 * Interlock's shims first on PATH and its guarded shell as SHELL, so every command it runs is checked.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Start a coding agent (or any program) so that every command it runs is checked by Interlock:",
                "guarded programs (rm, git, psql, kubectl, terraform, aws, curl, …) go through shims on PATH, and",
                "SHELL points to Interlock's guarded shell."},
        footer = {"", "Examples:", "  interlock run -- aider --model sonnet", "  interlock run -- ./agent-script.sh"})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--agent", paramLabel = "NAME", description = "Name recorded for its commands (default: the program's name).")
    String agent;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The agent's command line, after --.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        try {
            String appHome = System.getProperty("interlock.app.home");
            if (appHome == null) {
                System.err.println("interlock run: cannot tell where Interlock is installed; run the installed bin/interlock");
                return 126;
            }
            Path home = Path.of(appHome);
            Path shim = home.resolve("share/hooks/interlock-shim");
            if (!Files.isExecutable(shim)) {
                System.err.println("interlock run: " + shim + " is missing or not executable; reinstall Interlock");
                return 126;
            }
            Path shims = ShimDir.ensure(DataDir.resolve().root().resolve("shims"), shim);
            String name = agent != null ? agent : Path.of(command.get(0)).getFileName().toString();
            Map<String, String> env = RunEnvironment.build(System.getenv(), shims, home, name);
            DataDir dir = DataDir.resolve();
            try {
                // route the agent's HTTP(S) through the proxy, attributed to it, and trust Interlock's CA
                env.putAll(ProxyEnvironment.variables(dir, Settings.load(dir).settings().proxyPort(), name, null));
            } catch (java.io.IOException e) {
                System.err.println("interlock run: no proxy environment (" + e.getMessage()
                        + "); API calls are still checked where the agent runs curl/wget through the shims");
            }
            return GuardedExec.execute(command, env, Path.of("").toAbsolutePath());
        } catch (Exception e) {
            System.err.println("interlock run: " + e.getMessage());
            return 126;
        }
    }
}
