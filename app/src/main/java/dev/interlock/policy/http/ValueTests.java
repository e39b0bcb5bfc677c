package dev.interlock.policy.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.policy.PackException;
import dev.interlock.policy.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Regex helpers shared by the HTTP and GraphQL matchers. */
final class ValueTests {
    private ValueTests() {
    }

    static Pattern regex(YNode n) throws PackException {
        try {
            return Pattern.compile(n.string());
        } catch (PatternSyntaxException e) {
            throw n.error("bad regex: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    /** {@code {name: regex, …}} in file order. */
    static Map<String, Pattern> regexMap(YNode spec, String key) throws PackException {
        Map<String, Pattern> out = new LinkedHashMap<>();
        if (spec.get(key).isEmpty()) {
            return out;
        }
        YNode m = spec.require(key);
        if (!m.isMap()) {
            throw m.error("'" + key + "' is a mapping of name: regex");
        }
        for (Map.Entry<String, YNode> e : m.entries().entrySet()) {
            out.put(e.getKey(), regex(e.getValue()));
        }
        return out;
    }

    static boolean anyFull(Pattern p, List<String> values) {
        if (values == null) {
            return false;
        }
        for (String v : values) {
            if (p.matcher(v).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Nodes at a dot path ({@code a.b.0.c}; {@code *} = every element or field). */
    static List<JsonNode> at(JsonNode root, String path) {
        List<JsonNode> cur = new ArrayList<>(List.of(root));
        for (String part : path.split("\\.")) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : cur) {
                if (part.equals("*")) {
                    n.elements().forEachRemaining(next::add);
                } else if (n.isArray() && part.matches("\\d+")) {
                    JsonNode x = n.get(Integer.parseInt(part));
                    if (x != null) {
                        next.add(x);
                    }
                } else if (n.isObject() && n.has(part)) {
                    next.add(n.get(part));
                }
            }
            cur = next;
        }
        return cur;
    }

    static String text(JsonNode n) {
        return n.isValueNode() ? n.asText() : n.toString();
    }
}
