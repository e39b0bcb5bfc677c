package dev.interlock.cli;

import dev.interlock.config.DataDir;
import dev.interlock.correlate.AllowedCredentials;
import dev.interlock.correlate.Correlators;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code interlock credentials}: which credentials (by fingerprint, as {@code interlock scan} shows them) an agent
 * is meant to use in a workspace. Using any other credential it found for a destructive action is critical.
 */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = "Mark the credentials an agent is meant to use in a workspace (by fingerprint from 'interlock scan').",
        subcommands = {CredentialsCommand.Allow.class, CredentialsCommand.ListCmd.class, CredentialsCommand.Revoke.class})
public final class CredentialsCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static AllowedCredentials open() throws IOException {
        return AllowedCredentials.load(Correlators.allowedCredentialsFile(DataDir.resolve()));
    }

    static String fingerprint(String fp) {
        String f = fp.replaceFirst("^fp[=:]", "").toLowerCase(java.util.Locale.ROOT);
        if (!f.matches("[0-9a-f]{12}")) {
            throw new CommandLine.ParameterException(new CommandLine(new CredentialsCommand()),
                    "a fingerprint is 12 hex digits as 'interlock scan' prints it (fp=3f9a0c1d22be), not '" + fp + "'");
        }
        return f;
    }

    @Command(name = "allow", mixinStandardHelpOptions = true, description = "Allow a credential in a workspace.")
    static final class Allow implements Callable<Integer> {
        @Parameters(paramLabel = "FINGERPRINT")
        String fp;

        @Option(names = "--workspace", paramLabel = "DIR", description = "Workspace (default: current directory).")
        Path workspace = Path.of("");

        @Option(names = "--label", required = true, description = "What it is, e.g. 'staging deploy token'.")
        String label;

        @Override
        public Integer call() throws IOException {
            String ws = workspace.toAbsolutePath().normalize().toString();
            open().add(new AllowedCredentials.Entry(ws, fingerprint(fp), label));
            System.out.println("allowed fp=" + fingerprint(fp) + " ('" + label + "') in " + ws);
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List allowed credentials.")
    static final class ListCmd implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            var entries = open().entries();
            if (entries.isEmpty()) {
                System.out.println("No allowed credentials. Add one with: interlock credentials allow FP --label TEXT");
            }
            entries.forEach(e -> System.out.println("fp=" + e.fingerprint() + "  " + e.label() + "  "
                    + (e.workspace() == null ? "(every workspace)" : e.workspace())));
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Remove an allowed credential.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "FINGERPRINT")
        String fp;

        @Option(names = "--workspace", paramLabel = "DIR", description = "Only in this workspace (default: all).")
        Path workspace;

        @Override
        public Integer call() throws IOException {
            String ws = workspace == null ? null : workspace.toAbsolutePath().normalize().toString();
            boolean removed = open().remove(fingerprint(fp), ws);
            System.out.println(removed ? "revoked fp=" + fingerprint(fp) : "fp=" + fingerprint(fp) + " was not allowed");
            return removed ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }
}
