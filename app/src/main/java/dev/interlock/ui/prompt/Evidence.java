package dev.interlock.ui.prompt;

import dev.interlock.action.Action;
import dev.interlock.action.FileAccess;
import dev.interlock.action.HttpCall;
import dev.interlock.action.McpCall;
import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Decision;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Span;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The full text of an action as the pop-up shows it (the whole command, or method + URL + headers + body), with
 * every matched span translated into offsets of that text, plus a few facts pulled out for a details grid.
 *
 * @param text    the full text, untrusted (render it through {@link SafeText})
 * @param start   start of the primary matched span in {@code text}, or -1
 * @param end     end of it (exclusive), or -1
 * @param facts   label → value (Method, Host, Path, GraphQL operation, File, Mode…)
 */
public record Evidence(String text, int start, int end, Map<String, String> facts) {

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "cookie", "x-api-key", "x-auth-token",
            "proxy-authorization", "private-token", "x-goog-api-key");
    private static final Pattern GRAPHQL_OP = Pattern.compile("\\b(mutation|query|subscription)\\b\\s*(\\w+)?");

    public static Evidence of(Action action, Decision decision) {
        Map<String, Integer> offsets = new LinkedHashMap<>();
        Map<String, String> facts = new LinkedHashMap<>();
        StringBuilder sb = new StringBuilder();
        if (action instanceof ShellCommand c) {
            offsets.put("command", 0);
            sb.append(c.script());
            if (c.cwd() != null) {
                facts.put("Directory", Paths.tilde(c.cwd()));
            }
        } else if (action instanceof HttpCall h) {
            sb.append(h.method()).append(' ');
            offsets.put("url", sb.length());
            sb.append(h.url());
            facts.put("Method", h.method());
            try {
                URI u = URI.create(h.url());
                facts.put("Host", String.valueOf(u.getHost()));
                facts.put("Path", u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath());
            } catch (IllegalArgumentException e) {
                facts.put("URL", h.url());
            }
            h.headers().forEach((name, values) -> {
                for (String v : values) {
                    sb.append('\n').append(name).append(": ");
                    offsets.putIfAbsent("header:" + name, sb.length());
                    sb.append(SECRET_HEADERS.contains(name) ? mask(v) : v);
                }
            });
            if (!h.body().isEmpty()) {
                sb.append("\n\n");
                offsets.put("body", sb.length());
                sb.append(h.body());
                if (h.bodyTruncated()) {
                    sb.append("\n… (body truncated)");
                }
                graphqlOperation(h.body(), decision).ifPresent(op -> facts.put("GraphQL", op));
            }
        } else if (action instanceof FileAccess f) {
            sb.append(f.mode().word()).append(' ');
            offsets.put("path", sb.length());
            sb.append(f.path());
            facts.put("File", f.path());
            facts.put("Mode", f.mode().word());
            if (f.content() != null && !f.content().isEmpty()) {
                sb.append("\n\n");
                offsets.put("content", sb.length());
                sb.append(f.content());
            }
        } else if (action instanceof McpCall m) {
            sb.append(m.server()).append('/').append(m.tool()).append(' ');
            offsets.put("arguments", sb.length());
            sb.append(m.argumentsJson());
            facts.put("MCP server", m.server());
            facts.put("Tool", m.tool());
        }
        String text = sb.toString();
        int start = -1;
        int end = -1;
        for (RuleMatch m : decision.matches()) {
            Span s = m.span();
            if (s == null) {
                continue;
            }
            Integer base = offsets.get(s.field());
            if (base == null) {
                int found = s.text() == null || s.text().isEmpty() ? -1 : text.indexOf(s.text());
                if (found < 0) {
                    continue;
                }
                base = found - s.start();
            }
            int a = Math.min(text.length(), base + s.start());
            int b = Math.min(text.length(), base + s.end());
            if (b > a) {
                start = a;
                end = b;
                break;
            }
        }
        return new Evidence(text, start, end, facts);
    }

    /** "mutation volumeDelete" from a GraphQL request body: the operation type and the matched field. */
    static java.util.Optional<String> graphqlOperation(String body, Decision decision) {
        String query = body;
        try {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            if (n != null && n.isObject() && n.path("query").isTextual()) {
                query = n.get("query").asText();
            } else if (n != null && n.isArray() && n.path(0).path("query").isTextual()) {
                query = n.get(0).get("query").asText();
            } else {
                return java.util.Optional.empty();
            }
        } catch (java.io.IOException e) {
            if (!body.contains("mutation") && !body.contains("query")) {
                return java.util.Optional.empty();
            }
        }
        Matcher m = GRAPHQL_OP.matcher(query.replaceAll("#[^\n]*", ""));
        if (!m.find()) {
            return java.util.Optional.empty();
        }
        String type = m.group(1);
        List<String> fields = new ArrayList<>();
        for (RuleMatch r : decision.matches()) {
            if (r.span() != null && "body".equals(r.span().field()) && r.span().text().matches("[A-Za-z_]\\w*")) {
                fields.add(r.span().text());
            }
        }
        String what = !fields.isEmpty() ? String.join(", ", fields) : m.group(2) != null ? m.group(2) : "";
        return java.util.Optional.of((type + " " + what).trim());
    }

    /** "Bearer ••••9f2c": enough to recognise a credential, never enough to use it. */
    static String mask(String value) {
        String v = value.trim();
        int space = v.indexOf(' ');
        String scheme = space > 0 && space < 12 ? v.substring(0, space + 1) : "";
        String secret = v.substring(scheme.length());
        String tail = secret.length() > 12 ? secret.substring(secret.length() - 4) : "";
        return scheme + "••••" + tail;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
