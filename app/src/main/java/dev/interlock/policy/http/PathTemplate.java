package dev.interlock.policy.http;

import dev.interlock.policy.PackException;
import dev.interlock.policy.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A path test: a template ({@code /repos/{owner}/{repo}}, {@code {name}} = one segment, {@code {name*}} = the
 * rest) or a regex. Literal parts compare case-insensitively; a trailing slash does not matter.
 */
final class PathTemplate {
    private static final Pattern VAR = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(\\*?)}");
    private final String source;
    private final Pattern regex;
    private final List<String> names;
    private final boolean find;

    private PathTemplate(String source, Pattern regex, List<String> names, boolean find) {
        this.source = source;
        this.regex = regex;
        this.names = names;
        this.find = find;
    }

    static PathTemplate template(YNode node) throws PackException {
        String t = node.string().trim();
        if (!t.startsWith("/")) {
            throw node.error("path template '" + t + "' must start with /");
        }
        StringBuilder re = new StringBuilder("(?i)");
        List<String> names = new ArrayList<>();
        Matcher m = VAR.matcher(t);
        int last = 0;
        while (m.find()) {
            re.append(Pattern.quote(t.substring(last, m.start())));
            if (names.contains(m.group(1))) {
                throw node.error("path template '" + t + "' names {" + m.group(1) + "} twice");
            }
            names.add(m.group(1));
            re.append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            last = m.end();
        }
        String rest = t.substring(last);
        if (rest.contains("{") || rest.contains("}")) {
            throw node.error("path template '" + t + "': a placeholder is {name} or {name*}");
        }
        re.append(Pattern.quote(rest.endsWith("/") && rest.length() > 1 ? rest.substring(0, rest.length() - 1) : rest));
        re.append("/?");
        return new PathTemplate(t, Pattern.compile(re.toString()), names, false);
    }

    static PathTemplate regex(YNode node) throws PackException {
        try {
            return new PathTemplate(node.string(), Pattern.compile(node.string()), List.of(), true);
        } catch (PatternSyntaxException e) {
            throw node.error("bad regex: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    /** The template's variables when one of the path forms matches (regex: found anywhere). */
    Optional<Map<String, String>> match(Url url) {
        for (String p : List.of(url.normalisedPath(), url.path())) {
            Matcher m = regex.matcher(p);
            boolean ok = find ? m.find() : m.matches();
            if (ok) {
                Map<String, String> vars = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    vars.put(names.get(i), m.group(i + 1));
                }
                return Optional.of(vars);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return source;
    }
}
