package dev.interlock.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers for reading agent payloads strictly: a required field that is missing names itself. */
final class Payloads {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>`)\\]]+");

    private Payloads() {
    }

    /** Text of an optional field, or {@code null} when absent, null or not text. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** Text of a required field; throws naming the field and the context when it is missing. */
    static String required(JsonNode node, String field, String where) {
        String v = text(node, field);
        if (v == null) {
            throw new IllegalArgumentException(where + ": missing text field \"" + field + "\"");
        }
        return v;
    }

    /** The object at {@code field}; some agents send it as a JSON string, which is parsed. */
    static JsonNode object(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return JSON.createObjectNode();
        }
        if (v.isTextual()) {
            String s = v.asText().trim();
            if (s.isEmpty()) {
                return JSON.createObjectNode();
            }
            try {
                v = JSON.readTree(s);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(where + ": \"" + field + "\" is a string but not JSON: "
                        + e.getOriginalMessage());
            }
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be an object, got " + v.getNodeType());
        }
        return v;
    }

    static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            String v = text(node, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static String firstOf(JsonNode arrayOrNull) {
        return arrayOrNull != null && arrayOrNull.isArray() && !arrayOrNull.isEmpty() && arrayOrNull.get(0).isTextual()
                ? arrayOrNull.get(0).asText() : null;
    }

    /** The first http(s) URL in free text (Gemini's web_fetch embeds URLs in its prompt), or {@code null}. */
    static String firstUrl(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = URL.matcher(text);
        while (m.find()) {
            String u = m.group().replaceAll("[.,;:!?]+$", "");
            try {
                URI.create(u);
                return u;
            } catch (IllegalArgumentException e) {
                // not a URL after all; keep looking
            }
        }
        return null;
    }

    /** Claude Code's reply shape (Codex reads the same): {@code {"hookSpecificOutput": {…}}} on stdout, exit 0. */
    static HookAdapter.Reply hookSpecificOutput(ObjectNode output) {
        ObjectNode root = obj();
        root.set("hookSpecificOutput", output);
        return new HookAdapter.Reply(write(root), 0);
    }

    static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    static String write(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
