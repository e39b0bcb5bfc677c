package dev.interlock.ui.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlock.audit.AuditRecord;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A draft rule (pack format of policy-packs/README.md) for the action of one audit event: asks about exactly this
 * command / request / file / tool next time, with the event itself as the "match" example and a near miss as the
 * "no_match" one. The user edits it before it is added to their pack.
 */
public final class RuleDraft {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleDraft() {
    }

    public static String yaml(AuditRecord r) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", "from-event-" + r.id());
        rule.put("severity", r.severity() == null || r.severity().isBlank() ? "medium" : r.severity());
        rule.put("verdict", "ask");
        rule.put("explain", "Made from audit event " + r.id() + " (" + r.agent() + "): " + oneLine(r.summary()));
        JsonNode a;
        try {
            a = JSON.readTree(r.actionJson() == null ? "{}" : r.actionJson());
        } catch (java.io.IOException e) {
            a = JSON.createObjectNode();
        }
        Map<String, Object> when = new LinkedHashMap<>();
        List<Object> match = new ArrayList<>();
        List<Object> noMatch = new ArrayList<>();
        String kind = a.path("kind").asText(r.kind() == null ? "" : r.kind());
        switch (kind) {
            case "shell" -> {
                String script = a.path("script").asText("");
                String program = script.trim().isEmpty() ? "sh" : script.trim().split("\\s+", 2)[0];
                when.put("shell", Map.of("command", List.of(program), "text", "^" + Pattern.quote(script.trim()) + "$"));
                match.add(script.trim());
                match.add(Map.of("command", script.trim(), "cwd", "/tmp"));
                noMatch.add(script.trim() + " --help");
            }
            case "http" -> {
                String url = a.path("url").asText("");
                String method = a.path("method").asText("GET");
                URI u = URI.create(url);
                String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("hosts", List.of(String.valueOf(u.getHost())));
                spec.put("methods", List.of(method));
                spec.put("path_regex", "^" + Pattern.quote(path) + "$");
                when.put("http", spec);
                match.add(Map.of("http", Map.of("method", method, "url", url)));
                match.add(Map.of("http", Map.of("method", method, "url", u.getScheme() + "://" + u.getRawAuthority() + path)));
                noMatch.add(Map.of("http", Map.of("method", method, "url", u.getScheme() + "://" + u.getRawAuthority() + path + "x")));
            }
            case "file" -> {
                String path = a.path("path").asText("");
                String mode = a.path("mode").asText("read");
                when.put("file", Map.of("modes", List.of(mode), "names", List.of(fileName(path))));
                match.add(Map.of("file", Map.of("path", path, "mode", mode)));
                match.add(Map.of("file", Map.of("path", "/tmp/other/" + fileName(path), "mode", mode)));
                noMatch.add(Map.of("file", Map.of("path", path + ".bak", "mode", mode)));
            }
            default -> {
                String server = a.path("server").asText("server");
                String tool = a.path("tool").asText("tool");
                when.put("mcp", Map.of("servers", List.of(server), "tools", List.of(tool)));
                match.add(Map.of("mcp", Map.of("server", server, "tool", tool)));
                match.add(Map.of("mcp", Map.of("server", server, "tool", tool, "arguments", Map.of())));
                noMatch.add(Map.of("mcp", Map.of("server", server, "tool", tool + "_other")));
            }
        }
        rule.put("when", List.of(when));
        rule.put("examples", Map.of("match", match, "no_match", noMatch));
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setWidth(160);
        return new Yaml(o).dump(List.of(rule));
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s.replaceAll("\\s+", " ");
        return t.length() > 140 ? t.substring(0, 140) + "…" : t;
    }
}
