package dev.interlock.policy.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.policy.Hit;
import dev.interlock.policy.Matcher;
import dev.interlock.policy.MatcherFactories;
import dev.interlock.policy.MatcherFactory;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Span;
import dev.interlock.policy.Subject;
import dev.interlock.policy.YNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code http:} matcher (spec: policy-packs/README.md). Every given condition must hold. Conditions on a body
 * Interlock cannot see count as met (fail closed).
 */
public final class HttpMatcherFactory implements MatcherFactory {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "CONNECT");

    @Override
    public String key() {
        return "http";
    }

    @Override
    public Matcher create(YNode spec, MatcherFactories all) throws PackException {
        spec.allowOnly("hosts", "methods", "path", "path_regex", "query", "headers", "form", "json", "body",
                "sql_from", "sql", "target");
        List<HostPattern> hosts = HostPattern.parse(spec.require("hosts"));
        Set<String> methods = new LinkedHashSet<>();
        for (YNode m : spec.get("methods").isPresent() ? spec.require("methods").items() : List.<YNode>of()) {
            String v = m.string().trim().toUpperCase(Locale.ROOT);
            if (!METHODS.contains(v)) {
                throw m.error("unknown HTTP method '" + m.string() + "'");
            }
            methods.add(v);
        }
        if (spec.get("path").isPresent() && spec.get("path_regex").isPresent()) {
            throw spec.error("give either 'path' or 'path_regex', not both");
        }
        List<PathTemplate> paths = new ArrayList<>();
        if (spec.get("path").isPresent()) {
            for (YNode p : spec.require("path").items()) {
                paths.add(PathTemplate.template(p));
            }
        }
        if (spec.get("path_regex").isPresent()) {
            for (YNode p : spec.require("path_regex").items()) {
                paths.add(PathTemplate.regex(p));
            }
        }
        Map<String, Pattern> query = ValueTests.regexMap(spec, "query");
        Map<String, Pattern> headers = new java.util.LinkedHashMap<>();
        ValueTests.regexMap(spec, "headers").forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, Pattern> form = ValueTests.regexMap(spec, "form");
        Map<String, Pattern> json = ValueTests.regexMap(spec, "json");
        Pattern body = spec.get("body").isPresent() ? ValueTests.regex(spec.require("body")) : null;
        SqlCarrier sql = SqlCarrier.create(spec, all);
        Target target = spec.get("target").isPresent() ? Target.parse(spec.require("target"), paths) : null;
        return new HttpMatcher(hosts, methods, paths, query, headers, form, json, body, sql, target);
    }

    /** What a human must type for a critical approval: {@code path:{repo}}, {@code json:a.b}, {@code query:x}, … */
    record Target(String kind, String ref) {
        static Target parse(YNode n, List<PathTemplate> paths) throws PackException {
            String t = n.string().trim();
            int colon = t.indexOf(':');
            String kind = colon < 0 ? "" : t.substring(0, colon);
            String ref = colon < 0 ? "" : t.substring(colon + 1);
            if (!Set.of("path", "json", "query", "form", "header").contains(kind) || ref.isEmpty()) {
                throw n.error("target is path:{name}, json:<dot.path>, query:<name>, form:<name> or header:<name>");
            }
            if (kind.equals("path") && paths.isEmpty()) {
                throw n.error("a path: target needs a 'path' template");
            }
            return new Target(kind, ref);
        }

        String resolve(HttpSubject s, Map<String, String> vars) {
            return switch (kind) {
                case "path" -> {
                    String out = ref;
                    for (Map.Entry<String, String> e : vars.entrySet()) {
                        out = out.replace("{" + e.getKey() + "}", e.getValue())
                                .replace("{" + e.getKey() + "*}", e.getValue()); // as written in the template
                    }
                    yield out.contains("{") ? null : out;
                }
                case "json" -> s.json().flatMap(j -> ValueTests.at(j, ref).stream().findFirst())
                        .map(ValueTests::text).orElse(null);
                case "query" -> first(s.query().get(ref));
                case "form" -> first(s.form().get(ref));
                default -> first(s.header(ref));
            };
        }

        private static String first(List<String> v) {
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    private record HttpMatcher(List<HostPattern> hosts, Set<String> methods, List<PathTemplate> paths,
                               Map<String, Pattern> query, Map<String, Pattern> headers, Map<String, Pattern> form,
                               Map<String, Pattern> json, Pattern body, SqlCarrier sql, Target target)
            implements Matcher {
        @Override
        public String subjectType() {
            return HttpSubject.TYPE;
        }

        @Override
        public Set<String> indexKeys() {
            return HostPattern.keys(hosts);
        }

        @Override
        public Optional<Hit> match(Subject subject) {
            HttpSubject s = (HttpSubject) subject;
            if (!HostPattern.any(hosts, s.hosts())) {
                return Optional.empty();
            }
            if (!methods.isEmpty() && !methods.contains(s.method()) && s.methodOverrides().stream().noneMatch(methods::contains)) {
                return Optional.empty();
            }
            Map<String, String> vars = Map.of();
            if (!paths.isEmpty()) {
                Optional<Map<String, String>> found = Optional.empty();
                for (PathTemplate p : paths) {
                    found = p.match(s.url());
                    if (found.isPresent()) {
                        break;
                    }
                }
                if (found.isEmpty()) {
                    return Optional.empty();
                }
                vars = found.get();
            }
            for (Map.Entry<String, Pattern> q : query.entrySet()) {
                if (!ValueTests.anyFull(q.getValue(), s.query().get(q.getKey()))) {
                    return Optional.empty();
                }
            }
            for (Map.Entry<String, Pattern> h : headers.entrySet()) {
                if (!ValueTests.anyFull(h.getValue(), s.header(h.getKey()))) {
                    return Optional.empty();
                }
            }
            boolean bodyUsed = false;
            for (Map.Entry<String, Pattern> f : form.entrySet()) {
                bodyUsed = true;
                if (!ValueTests.anyFull(f.getValue(), s.form().get(f.getKey())) && s.bodyKnown()) {
                    return Optional.empty();
                }
            }
            if (!json.isEmpty()) {
                bodyUsed = true;
                if (s.bodyKnown()) {
                    Optional<JsonNode> root = s.json();
                    if (root.isEmpty()) {
                        return Optional.empty();
                    }
                    for (Map.Entry<String, Pattern> j : json.entrySet()) {
                        boolean hit = ValueTests.at(root.get(), j.getKey()).stream()
                                .anyMatch(n -> j.getValue().matcher(ValueTests.text(n)).matches());
                        if (!hit) {
                            return Optional.empty();
                        }
                    }
                }
            }
            if (body != null) {
                bodyUsed = true;
                if (s.bodyKnown() && !body.matcher(s.body()).find()) {
                    return Optional.empty();
                }
            }
            String sqlTarget = null;
            Span sqlSpan = null;
            if (sql != null) {
                bodyUsed = true;
                Optional<Hit> h = sql.match(s);
                if (h.isEmpty()) {
                    return Optional.empty();
                }
                sqlTarget = h.get().target();
                sqlSpan = h.get().span();
            }
            Span span = sqlSpan != null ? sqlSpan
                    : bodyUsed ? s.bodyLoc().all()
                    : !headers.isEmpty() && paths.isEmpty() ? s.headerSpan(headers.keySet().iterator().next())
                    : s.urlLoc().all();
            String t = target != null ? target.resolve(s, vars) : sqlTarget;
            return Optional.of(new Hit(span, t));
        }
    }
}
