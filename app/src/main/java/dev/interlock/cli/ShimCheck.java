package dev.interlock.cli;

import dev.interlock.config.DataDir;
import dev.interlock.hooks.HookAdapter.Reply;
import dev.interlock.hooks.HookAdapters;
import dev.interlock.hooks.HookHandler;
import dev.interlock.hooks.ServiceClient;
import java.time.Duration;

/** The JVM's check of a shim payload: the running service, else the local policy (fail closed). */
final class ShimCheck {
    private ShimCheck() {
    }

    static Reply check(byte[] payload) {
        String why;
        try {
            return new ServiceClient(DataDir.resolve(), Duration.ofSeconds(ServiceClient.DEFAULT_BUDGET_SECONDS))
                    .post("shim", payload, null);
        } catch (ServiceClient.Unavailable e) {
            why = e.getMessage();
        }
        return new HookHandler(HookAdapters.standard(), EngineLoader.offlineGuard(why)).handle("shim", payload, null);
    }
}
