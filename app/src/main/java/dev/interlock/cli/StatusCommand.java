package dev.interlock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.config.DataDir;
import dev.interlock.server.ControlClient;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code interlock status}: exit 0 only when the service runs. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Say whether the guard service runs and where. Exit 0 only when it runs.")
public final class StatusCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print the service's status JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        DataDir dir = DataDir.resolve();
        Optional<JsonNode> s = ControlClient.connect(dir, false).flatMap(ControlClient::status);
        if (s.isEmpty()) {
            System.out.println("Interlock is not running (data directory " + dir.root() + "). Start it with "
                    + "`interlock serve --headless` or the tray app; until then hooks deny guarded actions.");
            return ExitCodes.FAILURE;
        }
        JsonNode j = s.get();
        if (json) {
            System.out.println(j.toPrettyString());
            return ExitCodes.OK;
        }
        System.out.println("Interlock is running: pid " + j.path("pid").asText() + ", 127.0.0.1:" + j.path("port").asText()
                + ", data " + j.path("dataDir").asText());
        System.out.println("  since " + j.path("startedAt").asText() + "; " + j.path("packs").asInt() + " packs; asks wait "
                + j.path("deadlineSeconds").asInt() + " s; " + j.path("pending").asInt() + " pending; "
                + j.path("auditRows").asLong() + " audit rows");
        if (j.path("frozen").asBoolean()) {
            System.out.println("  FROZEN: every action that changes something is denied (`interlock thaw` to release)");
        }
        if (j.path("paused").asBoolean()) {
            System.out.println("  PAUSED until " + j.path("pausedUntil").asText() + ": " + j.path("pauseSemantics").asText()
                    + " (`interlock resume` to end it)");
        }
        j.path("problems").forEach(p -> System.out.println("  problem: " + p.asText()));
        return ExitCodes.OK;
    }
}
