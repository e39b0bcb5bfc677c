package dev.interlock.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * The JSON form of actions and origins, used by the control API ({@code POST /v1/decide}) and the audit log.
 *
 * <pre>
 * {"kind":"shell", "script":"rm -rf build", "cwd":"/p", "env":{"K":"v"}}
 * {"kind":"file",  "path":"/p/.env", "mode":"read", "cwd":"/p", "content":null}
 * {"kind":"http",  "method":"POST", "url":"https://…", "headers":{"authorization":["Bearer …"]}, "body":"…", "bodyTruncated":false}
 * {"kind":"mcp",   "server":"postgres", "tool":"query", "arguments":{…}}
 * origin: {"agent":"claude-code", "sessionId":"…", "toolCallId":"…", "workspace":"/p", "pid":123}
 * </pre>
 * {@code shell} also accepts {@code command} for {@code script}.
 */
public final class ActionJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rewrites a named text field before it is written (for masking): (field name, value) → value. */
    public interface FieldFilter {
        String apply(String field, String value);

        FieldFilter NONE = (field, value) -> value;
    }

    private ActionJson() {
    }

    public static ObjectNode toJson(Action action) {
        return toJson(action, FieldFilter.NONE);
    }

    /**
     * The action as JSON, every text value passed through {@code filter}. Field names given to the filter:
     * {@code script, env:<NAME>, path, content, url, header:<name>, body, arguments, server, tool, cwd}.
     */
    public static ObjectNode toJson(Action action, FieldFilter filter) {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", action.kind());
        BinaryOperator<String> f = filter::apply;
        if (action instanceof ShellCommand c) {
            o.put("script", f.apply("script", c.script()));
            o.put("cwd", c.cwd());
            if (!c.env().isEmpty()) {
                ObjectNode env = o.putObject("env");
                new java.util.TreeMap<>(c.env()).forEach((k, v) -> env.put(k, f.apply("env:" + k, v)));
            }
        } else if (action instanceof FileAccess fa) {
            o.put("path", fa.path());
            o.put("mode", fa.mode().word());
            o.put("cwd", fa.cwd());
            if (fa.content() != null) {
                o.put("content", f.apply("content", fa.content()));
            }
        } else if (action instanceof HttpCall h) {
            o.put("method", h.method());
            o.put("url", f.apply("url", h.url()));
            ObjectNode hs = o.putObject("headers");
            h.headers().forEach((k, vs) -> {
                var arr = hs.putArray(k);
                vs.forEach(v -> arr.add(f.apply("header:" + k, v)));
            });
            o.put("body", f.apply("body", h.body()));
            o.put("bodyTruncated", h.bodyTruncated());
        } else if (action instanceof McpCall m) {
            o.put("server", m.server());
            o.put("tool", m.tool());
            String args = f.apply("arguments", m.argumentsJson());
            try {
                o.set("arguments", JSON.readTree(args));
            } catch (java.io.IOException e) {
                o.put("arguments", args);
            }
        }
        return o;
    }

    /**
     * Reads an action.
     *
     * @throws IllegalArgumentException naming the missing or bad field
     */
    public static Action fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("action must be a JSON object with a \"kind\"");
        }
        String kind = text(n, "kind", true).toLowerCase(Locale.ROOT);
        switch (kind) {
            case "shell" -> {
                String script = n.hasNonNull("script") ? text(n, "script", true) : text(n, "command", false);
                if (script == null) {
                    throw new IllegalArgumentException("a shell action needs \"script\" (or \"command\")");
                }
                Map<String, String> env = new LinkedHashMap<>();
                JsonNode e = n.get("env");
                if (e != null && e.isObject()) {
                    e.fields().forEachRemaining(x -> env.put(x.getKey(), x.getValue().asText()));
                }
                return new ShellCommand(script, text(n, "cwd", false), env);
            }
            case "file" -> {
                String mode = text(n, "mode", true);
                FileAccess.Mode m;
                try {
                    m = FileAccess.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("\"mode\" must be read, write, edit or delete, not '" + mode + "'");
                }
                return new FileAccess(text(n, "path", true), m, text(n, "cwd", false), text(n, "content", false));
            }
            case "http" -> {
                Map<String, List<String>> headers = new LinkedHashMap<>();
                JsonNode hs = n.get("headers");
                if (hs != null && hs.isObject()) {
                    Iterator<Map.Entry<String, JsonNode>> it = hs.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> e = it.next();
                        List<String> values = new ArrayList<>();
                        if (e.getValue().isArray()) {
                            e.getValue().forEach(v -> values.add(v.asText()));
                        } else {
                            values.add(e.getValue().asText());
                        }
                        headers.put(e.getKey(), values);
                    }
                }
                JsonNode body = n.get("body");
                String b = body == null || body.isNull() ? "" : body.isTextual() ? body.asText() : body.toString();
                String method = n.hasNonNull("method") ? text(n, "method", true) : "GET";
                return new HttpCall(method, text(n, "url", true), headers, b,
                        n.path("bodyTruncated").asBoolean(false));
            }
            case "mcp" -> {
                JsonNode args = n.get("arguments");
                String a = args == null || args.isNull() ? "{}" : args.isTextual() ? args.asText() : args.toString();
                return new McpCall(text(n, "server", true), text(n, "tool", true), a);
            }
            default -> throw new IllegalArgumentException("unknown action kind '" + kind
                    + "': expected shell, file, http or mcp");
        }
    }

    public static ObjectNode toJson(Origin o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("agent", o.agent());
        n.put("sessionId", o.sessionId());
        n.put("toolCallId", o.toolCallId());
        n.put("workspace", o.workspace());
        if (o.pid() != null) {
            n.put("pid", o.pid());
        }
        return n;
    }

    public static Origin originFromJson(JsonNode n) {
        if (n == null || n.isNull()) {
            return new Origin("unknown", null, null, null, null);
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("origin must be a JSON object");
        }
        Long pid = n.hasNonNull("pid") && n.get("pid").canConvertToLong() ? n.get("pid").asLong() : null;
        return new Origin(text(n, "agent", false), text(n, "sessionId", false), text(n, "toolCallId", false),
                text(n, "workspace", false), pid);
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("missing \"" + field + "\"");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return v.asText();
    }
}
