package dev.interlock.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code interlock thaw}: releases the kill switch. */
@Command(name = "thaw", mixinStandardHelpOptions = true, description = "Release the kill switch.")
public final class ThawCommand implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
        return FreezeCommand.toggle("/v1/thaw", "Thawed: actions are decided by the policy again.");
    }
}
