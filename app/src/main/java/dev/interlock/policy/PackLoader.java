package dev.interlock.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlock.action.Action;
import dev.interlock.action.FileAccess;
import dev.interlock.action.HttpCall;
import dev.interlock.action.McpCall;
import dev.interlock.action.ShellCommand;
import dev.interlock.config.DataDir;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads pack files (format: ARCHITECTURE.md §3 and {@code policy-packs/README.md}). */
public final class PackLoader {
    /** Working directory given to examples that do not name one. */
    public static final String EXAMPLE_CWD = "/home/dev/project";

    private static final Set<String> PACK_KEYS = Set.of("pack", "title", "description", "references",
            "inspect_hosts", "locked", "rules");
    private static final Set<String> RULE_KEYS = Set.of("id", "severity", "verdict", "explain", "when", "unless",
            "examples");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MatcherFactories matchers;
    private final Map<String, PackSection> sections = new LinkedHashMap<>();

    public PackLoader(MatcherFactories matchers, List<PackSection> sections) {
        this.matchers = matchers;
        sections.forEach(s -> this.sections.put(s.key(), s));
    }

    public Pack load(Path file) throws PackException {
        String name = file.getFileName().toString();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(r, file.toString(), name.replaceFirst("\\.ya?ml$", ""));
        } catch (IOException e) {
            throw new PackException(file.toString(), 0, null, "cannot read: " + e.getMessage());
        }
    }

    public Pack load(Reader reader, String source, String expectedName) throws PackException {
        YNode root = YNode.parse(reader, source);
        Set<String> allowed = new HashSet<>(PACK_KEYS);
        allowed.addAll(sections.keySet());
        root.allowOnly(allowed);
        String name = root.require("pack").string();
        if (!ID.matcher(name).matches()) {
            throw root.require("pack").error("pack name '" + name + "' must be lower-case letters, digits, '.', '_' or '-'");
        }
        if (expectedName != null && !expectedName.equals(name)) {
            throw root.require("pack").error("pack name '" + name + "' must equal the file name '" + expectedName + "'");
        }
        String title = root.string("title").orElse(name);
        String description = root.string("description").orElse("");
        List<String> references = root.strings("references");
        List<String> inspect = root.strings("inspect_hosts").stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        boolean locked = root.get("locked").isPresent() && root.require("locked").bool();

        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Optional<YNode> rulesNode = root.get("rules");
        if (rulesNode.isPresent()) {
            if (!rulesNode.get().isList()) {
                throw rulesNode.get().error("'rules' must be a list of rules");
            }
            for (YNode r : rulesNode.get().items()) {
                Rule rule = rule(name, r);
                if (!ids.add(rule.id())) {
                    throw new PackException(source, r.line(), rule.id(), "duplicate rule id in this pack");
                }
                rules.add(rule);
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        for (PackSection s : sections.values()) {
            Optional<YNode> n = root.get(s.key());
            if (n.isPresent()) {
                extra.put(s.key(), s.load(n.get(), name));
            }
        }
        if (rules.isEmpty() && extra.isEmpty()) {
            throw root.error("the pack has no rules");
        }
        return new Pack(name, title, description, references, inspect, locked, rules, extra, source);
    }

    private Rule rule(String pack, YNode r) throws PackException {
        if (!r.isMap()) {
            throw r.error("each rule is a mapping with id, severity, verdict, explain, when, examples");
        }
        String id = r.get("id").isPresent() ? r.require("id").string() : null;
        try {
            if (id == null) {
                throw r.error("missing required key 'id'");
            }
            if (!ID.matcher(id).matches()) {
                throw r.require("id").error("rule id '" + id + "' must be lower-case letters, digits, '.', '_' or '-'");
            }
            r.allowOnly(RULE_KEYS);
            Severity severity = parseEnum(r.require("severity"), Severity.class);
            Verdict verdict = parseEnum(r.require("verdict"), Verdict.class);
            String explain = r.require("explain").string().trim();
            if (explain.isEmpty()) {
                throw r.require("explain").error("'explain' must say in plain words what the rule is about");
            }
            List<Matcher> when = matchers(r.require("when"));
            if (when.isEmpty()) {
                throw r.require("when").error("'when' needs at least one matcher");
            }
            List<Matcher> unless = r.get("unless").isPresent() ? matchers(r.require("unless")) : List.of();
            List<Matcher> all = new ArrayList<>(when);
            all.addAll(unless);
            when = inRule(when, all);
            unless = inRule(unless, all);
            Examples examples = examples(r);
            return new Rule(pack, id, severity, verdict, explain, when, unless, examples, r.line());
        } catch (PackException e) {
            throw e.inRule(id);
        }
    }

    private static List<Matcher> inRule(List<Matcher> matchers, List<Matcher> rule) {
        List<Matcher> out = new ArrayList<>(matchers.size());
        for (Matcher m : matchers) {
            out.add(m.inRule(rule));
        }
        return out;
    }

    private List<Matcher> matchers(YNode list) throws PackException {
        List<Matcher> out = new ArrayList<>();
        for (YNode entry : list.items()) {
            out.add(matchers.compile(entry));
        }
        return out;
    }

    private static <E extends Enum<E>> E parseEnum(YNode node, Class<E> type) throws PackException {
        String v = node.string().trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw node.error("'" + v + "' is not one of: " + String.join(", ", names));
    }

    private Examples examples(YNode rule) throws PackException {
        YNode ex = rule.get("examples").orElseThrow(() -> rule.error(
                "every rule needs examples: at least two under 'match' and one near-miss under 'no_match'"));
        ex.allowOnly("match", "no_match");
        List<Examples.Example> match = actions(ex.get("match"));
        List<Examples.Example> noMatch = actions(ex.get("no_match"));
        if (match.size() < 2) {
            throw ex.error("'examples.match' needs at least two inputs the rule must match (has " + match.size() + ")");
        }
        if (noMatch.isEmpty()) {
            throw ex.error("'examples.no_match' needs at least one near-miss the rule must not match");
        }
        return new Examples(match, noMatch);
    }

    private List<Examples.Example> actions(Optional<YNode> list) throws PackException {
        List<Examples.Example> out = new ArrayList<>();
        if (list.isEmpty()) {
            return out;
        }
        for (YNode item : list.get().items()) {
            out.add(new Examples.Example(exampleAction(item), item.line()));
        }
        return out;
    }

    /** An example input: a plain string is a shell command; otherwise one of command/http/file/mcp. */
    public static Action exampleAction(YNode item) throws PackException {
        if (item.isScalar()) {
            return new ShellCommand(expand(item.string()), EXAMPLE_CWD);
        }
        Map<String, YNode> e = item.entries();
        if (e.containsKey("command")) {
            item.allowOnly("command", "cwd");
            return new ShellCommand(expand(e.get("command").string()), item.string("cwd").orElse(EXAMPLE_CWD));
        }
        if (e.containsKey("http")) {
            item.allowOnly("http");
            YNode h = e.get("http");
            h.allowOnly("method", "url", "headers", "body");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            if (h.get("headers").isPresent()) {
                for (Map.Entry<String, YNode> he : h.require("headers").entries().entrySet()) {
                    headers.put(he.getKey(), he.getValue().strings());
                }
            }
            String body = "";
            Optional<YNode> b = h.get("body");
            if (b.isPresent()) {
                body = b.get().isScalar() ? b.get().string() : toJson(b.get());
                if (!b.get().isScalar() && !headers.containsKey("Content-Type")) {
                    headers.put("Content-Type", List.of("application/json"));
                }
            }
            return new HttpCall(h.string("method").orElse("GET"), h.require("url").string(), headers, body);
        }
        if (e.containsKey("file")) {
            item.allowOnly("file");
            YNode f = e.get("file");
            f.allowOnly("path", "mode", "cwd", "content");
            FileAccess.Mode mode;
            try {
                mode = FileAccess.Mode.valueOf(f.string("mode").orElse("read").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException x) {
                throw f.error("file mode must be read, write, edit or delete");
            }
            return new FileAccess(expand(f.require("path").string()), mode, f.string("cwd").orElse(EXAMPLE_CWD),
                    f.string("content").orElse(null));
        }
        if (e.containsKey("mcp")) {
            item.allowOnly("mcp");
            YNode m = e.get("mcp");
            m.allowOnly("server", "tool", "arguments");
            String args = m.get("arguments").isPresent() ? toJson(m.require("arguments")) : "{}";
            return new McpCall(m.require("server").string(), m.require("tool").string(), args);
        }
        throw item.error("an example is a shell command string, or a mapping with one of: command, http, file, mcp");
    }

    /** Examples may name Interlock's data directory as {@code {interlock_home}}, like {@code file:} globs. */
    private static String expand(String text) {
        return text.contains("{interlock_home}")
                ? text.replace("{interlock_home}", DataDir.resolve().root().toString().replace('\\', '/'))
                : text;
    }

    private static String toJson(YNode node) throws PackException {
        try {
            return JSON.writeValueAsString(node.plain());
        } catch (JsonProcessingException e) {
            throw node.error("cannot turn this into JSON: " + e.getOriginalMessage());
        }
    }
}
