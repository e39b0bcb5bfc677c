package dev.interlock.policy.sql;

import dev.interlock.policy.Hit;
import dev.interlock.policy.Matcher;
import dev.interlock.policy.MatcherFactories;
import dev.interlock.policy.MatcherFactory;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Subject;
import dev.interlock.policy.YNode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code sql:} matcher (see policy-packs/README.md).
 *
 * <pre>
 * sql:
 *   kinds: [drop, truncate]          # required: the statement destroys in one of these ways
 *   objects: [table, database]       # optional: the dropped/truncated/altered object is of one of these kinds
 *   languages: [sql]                 # optional: sql | mongo | redis (default: any)
 *   target: object                   # optional: the object's name is what a human types to approve
 * </pre>
 */
public final class SqlMatcherFactory implements MatcherFactory {
    private static final Set<String> LANGUAGES = Set.of("sql", "mongo", "redis");

    @Override
    public String key() {
        return "sql";
    }

    @Override
    public Matcher create(YNode spec, MatcherFactories all) throws PackException {
        spec.allowOnly("kinds", "objects", "languages", "target");
        Set<SqlKind> kinds = EnumSet.noneOf(SqlKind.class);
        for (YNode n : spec.require("kinds").items()) {
            String id = n.string().trim();
            kinds.add(SqlKind.byId(id).orElseThrow(() -> n.error("unknown sql kind '" + id + "' (expected one of: "
                    + Arrays.stream(SqlKind.values()).map(SqlKind::id).collect(Collectors.joining(", ")) + ")")));
        }
        if (kinds.isEmpty()) {
            throw spec.error("'kinds' must name at least one kind");
        }
        Set<String> objects = new LinkedHashSet<>();
        for (String o : spec.strings("objects")) {
            objects.add(o.trim().toLowerCase(Locale.ROOT));
        }
        Set<String> languages = new LinkedHashSet<>();
        if (spec.get("languages").isPresent()) {
            for (YNode n : spec.require("languages").items()) {
                String l = n.string().trim().toLowerCase(Locale.ROOT);
                if (!LANGUAGES.contains(l)) {
                    throw n.error("unknown language '" + l + "' (expected one of: mongo, redis, sql)");
                }
                languages.add(l);
            }
        }
        boolean target = false;
        Optional<YNode> t = spec.get("target");
        if (t.isPresent()) {
            if (!t.get().string().equals("object")) {
                throw t.get().error("sql target must be 'object', found '" + t.get().string() + "'");
            }
            target = true;
        }
        return new SqlMatcher(kinds, objects, languages, target);
    }

    private record SqlMatcher(Set<SqlKind> kinds, Set<String> objects, Set<String> languages, boolean target)
            implements Matcher {
        @Override
        public String subjectType() {
            return SqlSubject.TYPE;
        }

        @Override
        public Set<String> indexKeys() {
            return kinds.stream().map(SqlKind::id).collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public Optional<Hit> match(Subject subject) {
            if (!(subject instanceof SqlSubject s)) {
                return Optional.empty();
            }
            if (s.kinds().stream().noneMatch(kinds::contains)) {
                return Optional.empty();
            }
            if (!languages.isEmpty() && !languages.contains(s.language())) {
                return Optional.empty();
            }
            if (!objects.isEmpty() && (s.objectKind() == null || !objects.contains(s.objectKind()))) {
                return Optional.empty();
            }
            return Optional.of(new Hit(s.origin().all(), target ? s.target() : null));
        }
    }
}
