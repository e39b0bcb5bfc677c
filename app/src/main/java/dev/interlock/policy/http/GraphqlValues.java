package dev.interlock.policy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;

/** GraphQL literal values as JSON, with {@code $variables} looked up; an unknown variable stays unresolved. */
public final class GraphqlValues {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Stands for a variable whose value was not sent. */
    static final JsonNode UNRESOLVED = F.pojoNode(new Object() {
        @Override
        public String toString() {
            return "<unresolved variable>";
        }
    });

    private GraphqlValues() {
    }

    /**
     * An argument looked up: absent, present but unknowable (a variable that was not sent), or a value.
     *
     * @param state what was found
     * @param value the value when {@code state} is {@link State#VALUE}
     */
    public record Resolved(State state, JsonNode value) {
        public static final Resolved ABSENT = new Resolved(State.ABSENT, null);
        public static final Resolved UNKNOWN = new Resolved(State.UNKNOWN, null);

        public enum State { ABSENT, UNKNOWN, VALUE }

        /** The value as text (strings unquoted), or {@code null}. */
        public String text() {
            if (value == null) {
                return null;
            }
            return value.isValueNode() ? value.asText() : value.toString();
        }
    }

    static JsonNode toJson(Value<?> v, JsonNode vars) {
        if (v instanceof VariableReference ref) {
            JsonNode x = vars == null ? null : vars.get(ref.getName());
            return x == null ? UNRESOLVED : x;
        }
        if (v instanceof StringValue s) {
            return F.textNode(s.getValue());
        }
        if (v instanceof IntValue i) {
            return F.numberNode(i.getValue());
        }
        if (v instanceof FloatValue f) {
            return F.numberNode(f.getValue());
        }
        if (v instanceof BooleanValue b) {
            return F.booleanNode(b.isValue());
        }
        if (v instanceof EnumValue e) {
            return F.textNode(e.getName());
        }
        if (v instanceof NullValue) {
            return F.nullNode();
        }
        if (v instanceof ArrayValue a) {
            ArrayNode out = F.arrayNode();
            a.getValues().forEach(x -> out.add(toJson(x, vars)));
            return out;
        }
        if (v instanceof ObjectValue o) {
            ObjectNode out = F.objectNode();
            for (ObjectField f : o.getObjectFields()) {
                out.set(f.getName(), toJson(f.getValue(), vars));
            }
            return out;
        }
        return UNRESOLVED;
    }

    static Resolved descend(JsonNode value, String dottedRest) {
        JsonNode cur = value;
        if (dottedRest != null) {
            for (String p : dottedRest.split("\\.")) {
                if (cur == UNRESOLVED) {
                    return Resolved.UNKNOWN;
                }
                JsonNode next = cur.isArray() && p.matches("\\d+") ? cur.get(Integer.parseInt(p)) : cur.get(p);
                if (next == null) {
                    return Resolved.ABSENT;
                }
                cur = next;
            }
        }
        return cur == UNRESOLVED ? Resolved.UNKNOWN : new Resolved(Resolved.State.VALUE, cur);
    }
}
