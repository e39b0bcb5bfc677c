package dev.interlock.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code interlock} command. With no arguments it starts the app (tray + guard service). */
@Command(name = "interlock", mixinStandardHelpOptions = true, version = "Interlock 0.1.0",
        description = "Stands between AI coding agents and everything they can destroy.",
        subcommands = {
                CheckCommand.class,
                ExplainCommand.class,
                PacksCommand.class,
                PolicyCommand.class,
                ServeCommand.class,
                StatusCommand.class,
                ApprovalsCommand.class,
                FreezeCommand.class,
                ThawCommand.class,
                PauseCommand.class,
                PauseCommand.Resume.class,
                AuditCommand.class,
                CaCommand.class,
                EnvCommand.class,
                ScanCommand.class,
                CredentialsCommand.class,
                HookCommand.class,
                InstallCommand.class,
                UninstallCommand.class,
                DoctorCommand.class,
                ExecCommand.class,
                RunCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {
    @Option(names = "--deadline", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long an ask waits for a human before it is denied (as in `serve`).")
    Duration deadline;

    @Option(names = "--headless", description = "No tray or pop-up (same as `interlock serve --headless`).")
    boolean headless;

    /** No subcommand: start the app, i.e. the guard service plus the tray and pop-ups (headless without a display). */
    @Override
    public Integer call() throws InterruptedException {
        ServeCommand serve = new ServeCommand();
        serve.deadline = deadline;
        serve.headless = headless;
        return serve.call();
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }
}
