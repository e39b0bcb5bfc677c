package dev.interlock.cli;

import dev.interlock.broker.Broker;
import dev.interlock.config.DataDir;
import dev.interlock.server.ControlClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code interlock pause [DURATION]}: the tray's "pause for 15 min / 1 h" from a terminal. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = {"Pause prompts for a while (default 15m, at most 8h): " + Broker.PAUSE_SEMANTICS + ".",
                "Review what a pause let through with: interlock audit decided:pause"})
public final class PauseCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DURATION", arity = "0..1", converter = DurationConverter.class,
            description = "How long: 15m, 1h, 900s (default 15m).")
    Duration duration = Duration.ofMinutes(15);

    @Override
    public Integer call() throws IOException {
        if (duration.isZero() || duration.isNegative() || duration.compareTo(Broker.MAX_PAUSE) > 0) {
            System.err.println("interlock pause: a pause lasts between 1 second and " + Broker.MAX_PAUSE.toHours()
                    + " hours, not " + duration);
            return ExitCodes.USAGE;
        }
        Optional<ControlClient> c = ControlClient.connect(DataDir.resolve(), true);
        if (c.isEmpty() || c.get().status().isEmpty()) {
            System.err.println("Interlock is not running, so there is nothing to pause.");
            return ExitCodes.FAILURE;
        }
        ControlClient.Response r = c.get().post("/v1/pause", ControlClient.object().put("seconds", duration.toSeconds())
                .put("by", "terminal"), Duration.ofSeconds(10));
        if (!r.ok()) {
            System.err.println("interlock: " + r.error());
            return ExitCodes.FAILURE;
        }
        System.out.println("Paused until " + r.json().path("pausedUntil").asText() + ": " + Broker.PAUSE_SEMANTICS
                + ". End it early with `interlock resume`.");
        return ExitCodes.OK;
    }

    /** {@code interlock resume}: ends a pause early. */
    @Command(name = "resume", mixinStandardHelpOptions = true, description = "End a pause: every ask waits for a human again.")
    public static final class Resume implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            return FreezeCommand.toggle("/v1/resume", "Resumed: every ask waits for a human again.");
        }
    }
}
