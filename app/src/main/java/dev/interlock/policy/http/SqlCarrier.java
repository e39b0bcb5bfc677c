package dev.interlock.policy.http;

import dev.interlock.policy.Hit;
import dev.interlock.policy.Matcher;
import dev.interlock.policy.MatcherFactories;
import dev.interlock.policy.MatcherFactory;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Span;
import dev.interlock.policy.Subject;
import dev.interlock.policy.TextOrigin;
import dev.interlock.policy.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.interlock.policy.sql.SqlSubjects;

/**
 * SQL carried by an HTTP body ({@code sql_from: json:query | form:sql | body}) and the nested {@code sql:} matcher
 * that must hit one of its statements.
 */
final class SqlCarrier {
    private final String kind;
    private final String ref;
    private final Matcher matcher;

    private SqlCarrier(String kind, String ref, Matcher matcher) {
        this.kind = kind;
        this.ref = ref;
        this.matcher = matcher;
    }

    static SqlCarrier create(YNode spec, MatcherFactories all) throws PackException {
        boolean from = spec.get("sql_from").isPresent();
        boolean sql = spec.get("sql").isPresent();
        if (!from && !sql) {
            return null;
        }
        if (from != sql) {
            throw spec.error("'sql_from' and 'sql' go together: where the SQL is, and what to look for in it");
        }
        YNode f = spec.require("sql_from");
        String v = f.string().trim();
        String kind = v.equals("body") ? "body" : v.contains(":") ? v.substring(0, v.indexOf(':')) : "";
        String ref = v.contains(":") ? v.substring(v.indexOf(':') + 1) : "";
        if (!(kind.equals("body") || ((kind.equals("json") || kind.equals("form")) && !ref.isEmpty()))) {
            throw f.error("sql_from is json:<dot.path>, form:<field> or body");
        }
        Optional<MatcherFactory> factory = all.get("sql");
        if (factory.isEmpty()) {
            throw f.error("sql_from needs the sql: matcher, which is not registered");
        }
        return new SqlCarrier(kind, ref, factory.get().create(spec.require("sql"), all));
    }

    Optional<Hit> match(HttpSubject s) {
        if (!s.bodyKnown()) {
            return Optional.of(new Hit(s.bodyLoc().all(), null));
        }
        List<String> texts = new ArrayList<>();
        switch (kind) {
            case "body" -> texts.add(s.body());
            case "form" -> texts.addAll(s.form().getOrDefault(ref, List.of()));
            default -> s.json().ifPresent(j -> ValueTests.at(j, ref).forEach(n -> texts.add(ValueTests.text(n))));
        }
        for (String t : texts) {
            // classified in the carried text's own coordinates; a hit is mapped back into the body below
            for (Subject sub : SqlSubjects.of(t, "sql", TextOrigin.whole("sql", t))) {
                if (!sub.type().equals(matcher.subjectType())) {
                    continue;
                }
                Optional<Hit> h = matcher.match(sub);
                if (h.isPresent()) {
                    return Optional.of(new Hit(inBody(s, t, h.get().span()), h.get().target(), h.get().note()));
                }
            }
        }
        return Optional.empty();
    }

    /** Where {@code [span)} of the carried text {@code t} was written: the statement inside the body. */
    private Span inBody(HttpSubject s, String t, Span span) {
        int[] index = switch (kind) {
            case "body" -> null;
            case "form" -> Codec.formValueIndex(s.body(), ref, t);
            default -> jsonIndex(s.body(), t);
        };
        if (index == null && !kind.equals("body")) {
            return s.bodyLoc().all();
        }
        int start = Math.min(span.start(), t.length());
        int end = Math.min(span.end(), t.length());
        return index == null ? s.bodyLoc().span(start, end) : s.bodyLoc().span(index[start], index[end]);
    }

    /** Body offsets of the chars of the JSON string at {@link #ref} that decodes to {@code t}, or null. */
    private int[] jsonIndex(String body, String t) {
        for (int quote : JsonStrings.valueOffsets(body, ref)) {
            int[] raw = JsonStrings.rawIndex(body, quote, t);
            if (raw != null) {
                return raw;
            }
        }
        return null;
    }
}
