package dev.interlock.cli;

import dev.interlock.config.DataDir;
import dev.interlock.server.ControlClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code interlock freeze}: the kill switch. */
@Command(name = "freeze", mixinStandardHelpOptions = true,
        description = "Engage the kill switch: every action that is not plainly read-only is denied, and pending "
                + "asks are denied now, until `interlock thaw`.")
public final class FreezeCommand implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
        return toggle("/v1/freeze", "Frozen: every action that changes something is denied until `interlock thaw`.");
    }

    static int toggle(String path, String done) throws IOException {
        Optional<ControlClient> c = ControlClient.connect(DataDir.resolve(), true);
        if (c.isEmpty() || c.get().status().isEmpty()) {
            System.err.println("Interlock is not running (hooks deny guarded actions while it is down).");
            return ExitCodes.FAILURE;
        }
        ControlClient.Response r = c.get().post(path, ControlClient.object().put("by", "terminal"), Duration.ofSeconds(10));
        if (!r.ok()) {
            System.err.println("interlock: " + r.error());
            return ExitCodes.FAILURE;
        }
        System.out.println(done);
        return ExitCodes.OK;
    }
}
