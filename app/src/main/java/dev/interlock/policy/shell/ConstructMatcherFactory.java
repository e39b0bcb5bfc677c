package dev.interlock.policy.shell;

import dev.interlock.policy.Hit;
import dev.interlock.policy.Matcher;
import dev.interlock.policy.MatcherFactories;
import dev.interlock.policy.MatcherFactory;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Subject;
import dev.interlock.policy.YNode;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@code construct:} matcher: {@code kinds: [eval, dynamic-command, …]} (see policy-packs/README.md). */
public final class ConstructMatcherFactory implements MatcherFactory {
    @Override
    public String key() {
        return "construct";
    }

    @Override
    public Matcher create(YNode spec, MatcherFactories all) throws PackException {
        spec.allowOnly("kinds");
        Set<String> kinds = new LinkedHashSet<>();
        for (YNode k : spec.require("kinds").items()) {
            String kind = k.string();
            if (!ConstructSubject.KINDS.contains(kind)) {
                throw k.error("unknown construct kind '" + kind + "' (expected one of: "
                        + String.join(", ", new TreeSet<>(ConstructSubject.KINDS)) + ")");
            }
            kinds.add(kind);
        }
        if (kinds.isEmpty()) {
            throw spec.require("kinds").error("'kinds' needs at least one construct kind");
        }
        return new ConstructMatcher(Set.copyOf(kinds));
    }

    private record ConstructMatcher(Set<String> kinds) implements Matcher {
        @Override
        public String subjectType() {
            return ConstructSubject.TYPE;
        }

        @Override
        public Set<String> indexKeys() {
            return kinds;
        }

        @Override
        public Optional<Hit> match(Subject subject) {
            ConstructSubject c = (ConstructSubject) subject;
            return kinds.contains(c.kind()) ? Optional.of(new Hit(c.span(), null)) : Optional.empty();
        }
    }
}
