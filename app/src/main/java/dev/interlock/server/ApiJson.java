package dev.interlock.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.action.ActionJson;
import dev.interlock.audit.AuditLog;
import dev.interlock.broker.Broker;
import dev.interlock.broker.PendingApproval;
import dev.interlock.broker.Resolution;
import dev.interlock.policy.DecisionJson;

/** JSON shapes of the control API (documented in README.md, "Control API"). */
public final class ApiJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private ApiJson() {
    }

    /** {@code {verdict, decidedBy, waitedMs, approvalId, reason, decision:{…}}} */
    public static ObjectNode resolution(Resolution r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("verdict", r.verdict().word());
        o.put("decidedBy", r.decidedBy());
        o.put("waitedMs", r.waited().toMillis());
        o.put("approvalId", r.approvalId());
        o.put("reason", r.reason());
        o.set("decision", DecisionJson.toJson(r.decision()));
        return o;
    }

    /** A pending approval with everything a human needs (secrets masked). */
    public static ObjectNode approval(PendingApproval p, AuditLog audit) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", p.id());
        o.put("kind", p.action().kind());
        o.put("summary", audit.masker().maskText(p.action().summary()));
        try {
            o.set("action", JSON.readTree(audit.maskedActionJson(p.action())));
        } catch (java.io.IOException e) {
            o.put("action", audit.maskedActionJson(p.action()));
        }
        o.set("origin", ActionJson.toJson(p.origin()));
        try {
            o.set("decision", JSON.readTree(audit.masker().maskText(DecisionJson.toJson(p.decision()).toString())));
        } catch (java.io.IOException e) {
            o.put("decision", p.decision().summary());
        }
        o.put("created", p.created().toString());
        o.put("deadline", p.deadline().toString());
        o.put("agentWaiting", p.agentWaiting());
        o.put("joined", p.joined());
        Broker.requiredTyping(p.decision()).ifPresent(t -> o.put("typeToConfirm", t));
        return o;
    }
}
