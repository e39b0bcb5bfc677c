package dev.interlock.cli;

import dev.interlock.hooks.install.ConfigEditor;
import dev.interlock.hooks.install.Integration;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code interlock uninstall <agent>}: remove Interlock's entries from an agent's configuration. */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = "Remove Interlock from a coding agent's configuration, keeping everything else (and a backup).")
public final class UninstallCommand implements Callable<Integer> {
    @Mixin
    AgentConfigOptions target;

    @Override
    public Integer call() {
        try {
            Integration i = target.integration();
            ConfigEditor.Result r = new ConfigEditor(Clock.systemUTC()).uninstall(i, target.file(i));
            if (!r.changed()) {
                System.out.println(i.displayName() + ": Interlock is not wired in " + r.file() + "; nothing to do");
            } else {
                System.out.println(i.displayName() + ": removed Interlock from " + r.file() + (r.deleted() ? " (file deleted)" : ""));
                System.out.println("  previous version kept as " + r.backup());
            }
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            System.err.println("interlock uninstall: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            System.err.println("interlock uninstall: " + e);
            return ExitCodes.FAILURE;
        }
    }
}
