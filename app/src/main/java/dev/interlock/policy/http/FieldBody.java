package dev.interlock.policy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds a JSON object from {@code key=value} fields with {@code a[b]=c} and {@code list[]=x} keys. */
final class FieldBody {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FieldBody() {
    }

    /** {@code true}, {@code false}, {@code null} and integers become JSON values; the rest stays a string. */
    static JsonNode typed(String v) {
        return switch (v) {
            case "true" -> F.booleanNode(true);
            case "false" -> F.booleanNode(false);
            case "null" -> F.nullNode();
            default -> v.matches("-?\\d{1,18}") ? F.numberNode(Long.parseLong(v)) : F.textNode(v);
        };
    }

    /** A JSON value written by hand ({@code key:=json}); text that is not JSON stays a string. */
    static JsonNode raw(String v) {
        try {
            JsonNode n = JSON.readTree(v);
            return n == null ? F.textNode(v) : n;
        } catch (Exception e) {
            return F.textNode(v);
        }
    }

    static void put(ObjectNode root, String key, JsonNode value) {
        int b = key.indexOf('[');
        if (b <= 0 || !key.endsWith("]")) {
            root.set(key, value);
            return;
        }
        String head = key.substring(0, b);
        String[] parts = key.substring(b + 1, key.length() - 1).split("\\]\\[", -1);
        JsonNode cur = root;
        String name = head;
        for (String p : parts) {
            boolean list = p.isEmpty();
            JsonNode next = cur.isObject() ? cur.get(name) : null;
            if (next == null || (list && !next.isArray()) || (!list && !next.isObject())) {
                next = list ? F.arrayNode() : F.objectNode();
                if (cur.isObject()) {
                    ((ObjectNode) cur).set(name, next);
                } else if (cur.isArray()) {
                    ((ArrayNode) cur).add(next);
                }
            }
            cur = next;
            name = p;
        }
        if (cur.isArray()) {
            ((ArrayNode) cur).add(value);
        } else if (cur.isObject()) {
            ((ObjectNode) cur).set(name, value);
        }
    }

    static String toJson(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (Exception e) {
            return n.toString();
        }
    }
}
