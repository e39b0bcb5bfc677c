package dev.interlock.proxy;

import dev.interlock.action.HttpCall;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;

/**
 * What happened to one inspected request, reported once it is over: for the audit log (upstream status and size)
 * and for tests.
 *
 * @param call       the request as the guard saw it
 * @param origin     who sent it
 * @param resolution the guard's answer ({@code null} when the request never reached the guard)
 * @param outcome    what the proxy did
 * @param status     the status the client received (upstream's, or the proxy's own)
 * @param bytes      response body bytes relayed to the client
 * @param problem    for failures: what went wrong, else {@code null}
 */
public record ProxyExchange(HttpCall call, Origin origin, Resolution resolution, Outcome outcome, int status,
                            long bytes, String problem) {
    public enum Outcome {
        /** Allowed, sent upstream, and the response relayed. */
        FORWARDED,
        /** Denied (by policy, a human, a timeout or the kill switch): nothing was sent upstream. */
        BLOCKED,
        /** Allowed but the upstream server could not be reached or failed mid-way. */
        UPSTREAM_FAILED,
        /** The client went away before the answer; nothing was sent upstream after that. */
        CLIENT_GONE,
        /** The proxy could not take the request to the guard (overload): answered 503, nothing sent. */
        REFUSED
    }
}
