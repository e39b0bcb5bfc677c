package dev.interlock.policy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.policy.Hit;
import dev.interlock.policy.Matcher;
import dev.interlock.policy.MatcherFactories;
import dev.interlock.policy.MatcherFactory;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Subject;
import dev.interlock.policy.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code mcp:} matcher.
 *
 * <pre>
 * mcp:
 *   servers: ["*postgres*"]          # globs on the server name (default: any)
 *   tools: ["*delete*", "drop_*"]    # globs on the tool name (required)
 *   argument: {name: sql, regex: "(?i)\\bdrop\\b"}   # optional: an argument's text must match
 * </pre>
 */
public final class McpMatcherFactory implements MatcherFactory {
    @Override
    public String key() {
        return "mcp";
    }

    @Override
    public Matcher create(YNode spec, MatcherFactories all) throws PackException {
        spec.allowOnly("servers", "tools", "argument");
        List<Pattern> servers = globs(spec.get("servers").isPresent() ? spec.require("servers").items() : List.of());
        List<Pattern> tools = globs(spec.require("tools").items());
        String argName = null;
        Pattern argRegex = null;
        if (spec.get("argument").isPresent()) {
            YNode a = spec.require("argument");
            a.allowOnly("name", "regex");
            argName = a.require("name").string();
            argRegex = regex(a.require("regex"));
        }
        return new McpMatcher(servers, tools, argName, argRegex);
    }

    static Pattern regex(YNode n) throws PackException {
        try {
            return Pattern.compile(n.string());
        } catch (PatternSyntaxException e) {
            throw n.error("bad regex: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private static List<Pattern> globs(List<YNode> items) throws PackException {
        List<Pattern> out = new ArrayList<>();
        for (YNode n : items) {
            StringBuilder re = new StringBuilder("(?i)");
            for (char c : n.string().toCharArray()) {
                re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            out.add(Pattern.compile(re.toString()));
        }
        return out;
    }

    private record McpMatcher(List<Pattern> servers, List<Pattern> tools, String argName, Pattern argRegex)
            implements Matcher {
        @Override
        public String subjectType() {
            return McpSubject.TYPE;
        }

        @Override
        public Set<String> indexKeys() {
            return Set.of();
        }

        @Override
        public Optional<Hit> match(Subject subject) {
            McpSubject m = (McpSubject) subject;
            if (!servers.isEmpty() && servers.stream().noneMatch(p -> p.matcher(m.server()).matches())) {
                return Optional.empty();
            }
            if (tools.stream().noneMatch(p -> p.matcher(m.tool()).matches())) {
                return Optional.empty();
            }
            if (argName != null) {
                JsonNode v = m.arguments().get(argName);
                String text = v == null ? null : v.isTextual() ? v.asText() : v.toString();
                if (text == null || !argRegex.matcher(text).find()) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Hit(m.origin().all(), null));
        }
    }
}
