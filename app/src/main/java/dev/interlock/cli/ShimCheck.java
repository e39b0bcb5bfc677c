package dev.interlock.cli;

import dev.interlock.broker.Resolution;
import dev.interlock.config.DataDir;
import dev.interlock.hooks.HookAdapter.Reply;
import dev.interlock.hooks.HookAdapters;
import dev.interlock.hooks.HookHandler;
import dev.interlock.hooks.OfflineGuard;
import dev.interlock.hooks.ServiceClient;
import dev.interlock.policy.Decision;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Verdict;
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
        dev.interlock.broker.Guard guard;
        try {
            guard = new OfflineGuard(EngineLoader.load(), why);
        } catch (PackException e) {
            String reason = "Interlock's policy packs do not load (" + e.getMessage() + ")";
            guard = (a, o) -> new Resolution(Verdict.DENY, Decision.allow(), "offline", null, null, reason);
        }
        return new HookHandler(HookAdapters.standard(), guard).handle("shim", payload, null);
    }
}
