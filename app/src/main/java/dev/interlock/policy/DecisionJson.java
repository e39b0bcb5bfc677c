package dev.interlock.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a decision (contract of {@code interlock check --json}):
 * {@code {"verdict", "severity", "rules": [{"pack","id","severity","explain","span"}], "summary"}}.
 */
public final class DecisionJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionJson() {
    }

    public static ObjectNode toJson(Decision d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("verdict", d.verdict().word());
        o.put("severity", d.severity().word());
        ArrayNode rules = o.putArray("rules");
        for (RuleMatch m : d.matches()) {
            ObjectNode r = rules.addObject();
            r.put("pack", m.pack());
            r.put("id", m.ruleId());
            r.put("severity", m.severity().word());
            r.put("verdict", m.verdict().word());
            r.put("explain", m.explain());
            ObjectNode span = r.putObject("span");
            span.put("field", m.span().field());
            span.put("start", m.span().start());
            span.put("end", m.span().end());
            span.put("text", m.span().text());
            if (m.target() != null) {
                r.put("target", m.target());
            }
        }
        if (!d.notes().isEmpty()) {
            ArrayNode notes = o.putArray("notes");
            d.notes().forEach(notes::add);
        }
        if (d.environment() != null) {
            o.put("environment", d.environment());
        }
        o.put("summary", d.summary());
        return o;
    }
}
