package dev.interlock.cli;

import dev.interlock.config.DataDir;
import dev.interlock.config.Settings;
import dev.interlock.hooks.install.ConfigEditor;
import dev.interlock.hooks.install.HookTarget;
import dev.interlock.hooks.install.Integration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code interlock install <agent>}: wire Interlock's hook client into an agent's configuration. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Wire Interlock into a coding agent's hook configuration (user level, or --project DIR).",
                "Idempotent; everything else in the file is kept, and the previous version is backed up next to it."},
        footer = {"", "Examples:", "  interlock install claude-code", "  interlock install cursor --project ~/src/app"})
public final class InstallCommand implements Callable<Integer> {
    @Mixin
    AgentConfigOptions target;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Hook timeout written into the agent's config (default " + HookTarget.DEFAULT_TIMEOUT
                    + ", or more when the approval deadline is long); must exceed Interlock's approval deadline, "
                    + "or the agent gives up first (and most agents then let the action through).")
    Integer timeout;

    @Option(names = "--client", paramLabel = "PATH",
            description = "The hook client to run (default: share/hooks/interlock-hook of this installation).")
    Path client;

    @Override
    public Integer call() {
        try {
            Integration i = target.integration();
            Path file = target.file(i);
            int deadline = Settings.load(DataDir.resolve()).settings().approvalDeadlineSeconds();
            int minimum = deadline + HookTarget.CLIENT_MARGIN + 15;
            if (timeout == null) {
                timeout = Math.max(HookTarget.DEFAULT_TIMEOUT, minimum);
            } else if (timeout < minimum) {
                throw new IllegalArgumentException("--timeout " + timeout + " is too short: Interlock holds an ask for up"
                        + " to " + deadline + " s (approvalDeadlineSeconds), so the agent must wait at least " + minimum
                        + " s or it gives up first");
            }
            HookTarget t = new HookTarget(clientPath(), timeout);
            ConfigEditor.Result r = new ConfigEditor(Clock.systemUTC()).install(i, file, t);
            if (!r.changed()) {
                System.out.println(i.displayName() + ": Interlock is already wired in " + r.file());
            } else {
                System.out.println(i.displayName() + ": wired Interlock into " + r.file());
                if (r.backup() != null) {
                    System.out.println("  previous version kept as " + r.backup());
                }
            }
            System.out.println("  hook: " + t.command(i.agent()) + "  (timeout " + timeout + " s)");
            if (!i.afterInstall().isEmpty()) {
                System.out.println("  next: " + i.afterInstall());
            }
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            System.err.println("interlock install: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            System.err.println("interlock install: " + e);
            return ExitCodes.FAILURE;
        }
    }

    private Path clientPath() {
        if (client != null) {
            return client.toAbsolutePath().normalize();
        }
        String appHome = System.getProperty("interlock.app.home");
        if (appHome == null) {
            throw new IllegalArgumentException("cannot tell where Interlock is installed (run the installed "
                    + "bin/interlock, or pass --client PATH)");
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        Path p = Path.of(appHome, "share", "hooks", windows ? "interlock-hook.cmd" : "interlock-hook").toAbsolutePath().normalize();
        if (!Files.isExecutable(p)) {
            throw new IllegalArgumentException("the hook client " + p + " is missing or not executable; reinstall Interlock");
        }
        return p;
    }
}
