package dev.interlock.cli;

import dev.interlock.exec.GuardedExec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code interlock exec -- <cmd>}: run one command after Interlock has checked it. */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Run one command after Interlock has checked it. Its exit code, signals and stdin/stdout/stderr",
                "pass through unchanged; a blocked command does not start and exits 126 with the reason on stderr."},
        footer = {"", "Example:", "  interlock exec -- terraform destroy -auto-approve"})
public final class ExecCommand implements Callable<Integer> {
    @Option(names = "--agent", paramLabel = "NAME", defaultValue = "cli", description = "Who runs it (for the audit log).")
    String agent;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The program and its arguments, after --.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        try {
            return GuardedExec.run(command, System.getenv(), Path.of("").toAbsolutePath(), agent, ShimCheck::check);
        } catch (Exception e) {
            System.err.println("interlock exec: " + e.getMessage());
            return 126;
        }
    }
}
