package dev.interlock.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.broker.Resolution;
import dev.interlock.policy.RuleMatch;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Responses the proxy writes itself: a blocked request (403) and proxy errors (400, 414, 431, 502, 503). JSON by
 * default (agents parse it), plain text when the client's {@code Accept} asks for text and not JSON.
 */
final class LocalResponses {
    static final String APPROVAL_HEADER = "X-Interlock-Approval";
    static final String RULE_HEADER = "X-Interlock-Rule";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalResponses() {
    }

    static FullHttpResponse blocked(HttpRequest req, Resolution r) {
        RuleMatch top = r.decision().primary().orElse(null);
        String rule = top != null ? top.qualifiedId() : null;
        String how = howToApprove(r);
        ObjectNode j = JSON.createObjectNode();
        j.put("error", "blocked_by_interlock");
        j.put("message", "Interlock blocked this request; nothing was sent to the server.");
        j.put("verdict", r.verdict().word());
        j.put("decided_by", r.decidedBy());
        j.put("rule", rule);
        j.put("severity", r.decision().severity().word());
        j.put("explain", top != null ? top.explain() : null);
        j.put("approval_id", r.approvalId());
        j.put("reason", r.reason());
        j.put("how_to_approve", how);
        StringBuilder plain = new StringBuilder("Interlock blocked this request; nothing was sent to the server.\n");
        if (rule != null) {
            plain.append("rule: ").append(rule).append(" (").append(r.decision().severity().word()).append(") — ")
                    .append(top.explain()).append('\n');
        }
        plain.append("decided by: ").append(r.decidedBy()).append('\n');
        if (r.approvalId() != null) {
            plain.append("approval id: ").append(r.approvalId()).append('\n');
        }
        if (!r.reason().isBlank()) {
            plain.append(r.reason()).append('\n');
        }
        plain.append(how).append('\n');
        FullHttpResponse resp = build(req, HttpResponseStatus.FORBIDDEN, j, plain.toString());
        if (r.approvalId() != null) {
            resp.headers().set(APPROVAL_HEADER, r.approvalId());
        }
        if (rule != null) {
            resp.headers().set(RULE_HEADER, rule);
        }
        return resp;
    }

    static String howToApprove(Resolution r) {
        if (r.approvalId() == null) {
            return "A rule denies this outright; a human can change the policy in Interlock, an agent cannot.";
        }
        return "Ask the human to approve " + r.approvalId() + " in Interlock (the pop-up, or the Pending list), "
                + "then retry the identical request once; any change to it needs a new approval.";
    }

    /** A proxy error with a stable machine-readable code and a sentence for humans. */
    static FullHttpResponse error(HttpRequest req, HttpResponseStatus status, String code, String message) {
        ObjectNode j = JSON.createObjectNode();
        j.put("error", code);
        j.put("message", message);
        return build(req, status, j, "Interlock proxy: " + message + "\n");
    }

    private static FullHttpResponse build(HttpRequest req, HttpResponseStatus status, ObjectNode json, String plain) {
        boolean text = wantsText(req);
        byte[] body = (text ? plain : json.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, text ? "text/plain; charset=utf-8" : "application/json");
        resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        resp.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return resp;
    }

    private static boolean wantsText(HttpRequest req) {
        if (req == null) {
            return false;
        }
        String accept = req.headers().get(HttpHeaderNames.ACCEPT, "").toLowerCase(Locale.ROOT);
        return accept.contains("text/") && !accept.contains("json");
    }
}
