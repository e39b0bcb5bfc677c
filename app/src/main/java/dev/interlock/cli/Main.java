package dev.interlock.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

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
                AuditCommand.class,
                CaCommand.class,
                EnvCommand.class,
                ScanCommand.class,
                CredentialsCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
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
