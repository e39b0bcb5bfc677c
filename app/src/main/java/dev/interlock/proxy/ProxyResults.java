package dev.interlock.proxy;

import dev.interlock.action.Origin;
import dev.interlock.audit.ResultReport;

/** What happened upstream, as a result row for the request's audit entry (exit code = the status the client got). */
public final class ProxyResults {
    private ProxyResults() {
    }

    public static ResultReport report(ProxyExchange e) {
        String text = switch (e.outcome()) {
            case FORWARDED -> "upstream answered HTTP " + e.status() + ", " + e.bytes() + " bytes relayed"
                    + (e.problem() != null ? " (" + e.problem() + ")" : "");
            case BLOCKED -> "blocked: HTTP 403 to the client, nothing sent upstream";
            case UPSTREAM_FAILED -> "upstream failed: " + e.problem() + " (HTTP " + e.status() + " to the client)";
            case CLIENT_GONE -> "the client disconnected while the request was held; nothing sent upstream";
            case REFUSED -> "refused: " + e.problem() + " (HTTP 503 to the client), nothing sent upstream";
        };
        Origin o = e.origin();
        return new ResultReport(o.agent(), o.sessionId(), o.toolCallId(), 0, e.status() > 0 ? e.status() : null, text);
    }
}
