package dev.interlock.cli;

import dev.interlock.config.DataDir;
import dev.interlock.proxy.InspectHosts;
import dev.interlock.proxy.LocalCa;
import dev.interlock.proxy.ProxyConfig;
import dev.interlock.proxy.ProxyGuard;
import dev.interlock.proxy.ProxyResults;
import dev.interlock.proxy.ProxyServer;
import dev.interlock.proxy.ResultRecorder;
import dev.interlock.proxy.TrustBundle;
import dev.interlock.service.GuardService;
import dev.interlock.service.Submission;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Starts the HTTPS proxy as part of the guard service: the hosts it decrypts follow the loaded packs and the
 * settings, every intercepted request goes through {@link GuardService#decide}, and what happened upstream (status,
 * size, or why nothing was sent) is attached to the request's audit row.
 */
final class ProxyStarter {
    private ProxyStarter() {
    }

    static ProxyServer start(GuardService guard, DataDir dir) throws IOException {
        LocalCa ca = LocalCa.loadOrCreate(dir);
        TrustBundle.write(ca);
        InspectHosts hosts = InspectHosts.live(() -> {
            Set<String> h = new LinkedHashSet<>(guard.engine().inspectHosts());
            h.addAll(guard.settings().proxyInspectHosts());
            return h;
        });
        ProxyConfig config = ProxyConfig.defaults(guard.settings().proxyPort(), hosts)
                .withMaxBodyBytes(guard.settings().proxyMaxBodyKb() * 1024);
        ProxyGuard decide = (call, origin, gone) -> guard.decide(call, origin, Submission.proxy(gone));
        return ProxyServer.start(config, decide, ca, results(guard));
    }

    /** Upstream status and size (or why nothing was sent) as a result row on each request's audit entry. */
    static ResultRecorder results(GuardService guard) {
        return new ResultRecorder(batch -> guard.attachResults(batch.stream().map(ProxyResults::report).toList()));
    }
}
