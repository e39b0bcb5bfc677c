package dev.interlock.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the proxy runs. Everything here may come from user settings except {@link #upstream()}, which is always
 * {@link Upstream#system()} outside this package's tests (see {@link Upstream}).
 *
 * @param port                 loopback port to listen on (0: any free port)
 * @param inspect              hosts whose TLS is terminated and whose requests go through the guard
 * @param maxBodyBytes         how much of a request body the guard sees; beyond it the call is flagged truncated
 * @param maxHeaderBytes       largest request header block accepted (431 beyond)
 * @param maxInitialLineBytes  longest request line accepted (414 beyond)
 * @param connectTimeout       upstream connect timeout
 * @param idleTimeout          a connection with no traffic either way for this long is closed
 * @param maxPendingDecisions  how many requests may wait for the guard at once; beyond it new ones get 503
 * @param upstream             how real servers are reached and verified
 */
public record ProxyConfig(int port, InspectHosts inspect, int maxBodyBytes, int maxHeaderBytes,
                          int maxInitialLineBytes, Duration connectTimeout, Duration idleTimeout,
                          int maxPendingDecisions, Upstream upstream) {
    public static final int DEFAULT_PORT = 8788;
    public static final int DEFAULT_MAX_BODY = 1024 * 1024;

    public ProxyConfig {
        Objects.requireNonNull(inspect, "inspect");
        Objects.requireNonNull(upstream, "upstream");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be 0..65535, not " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("the inspected body bound must be at least 1024 bytes, not " + maxBodyBytes);
        }
    }

    public static ProxyConfig defaults(int port, InspectHosts inspect) {
        return new ProxyConfig(port, inspect, DEFAULT_MAX_BODY, 64 * 1024, 16 * 1024, Duration.ofSeconds(10),
                Duration.ofMinutes(10), 512, Upstream.system());
    }

    public ProxyConfig withUpstream(Upstream u) {
        return new ProxyConfig(port, inspect, maxBodyBytes, maxHeaderBytes, maxInitialLineBytes, connectTimeout,
                idleTimeout, maxPendingDecisions, u);
    }

    public ProxyConfig withMaxBodyBytes(int bytes) {
        return new ProxyConfig(port, inspect, bytes, maxHeaderBytes, maxInitialLineBytes, connectTimeout,
                idleTimeout, maxPendingDecisions, upstream);
    }
}
