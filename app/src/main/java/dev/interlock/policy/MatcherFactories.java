package dev.interlock.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The known {@code when:} keys. A factory may nest another (an HTTP endpoint that carries SQL). */
public final class MatcherFactories {
    private final Map<String, MatcherFactory> byKey = new LinkedHashMap<>();

    public MatcherFactories register(MatcherFactory factory) {
        if (byKey.putIfAbsent(factory.key(), factory) != null) {
            throw new IllegalStateException("two matcher factories for '" + factory.key() + "'");
        }
        return this;
    }

    public Optional<MatcherFactory> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public java.util.Set<String> keys() {
        return byKey.keySet();
    }

    /** Compiles {@code {key: spec}} — exactly one key — with the matching factory. */
    public Matcher compile(YNode entry) throws PackException {
        Map<String, YNode> entries = entry.entries();
        if (entries.size() != 1) {
            throw entry.error("each 'when' entry has exactly one of: " + String.join(", ", byKey.keySet()));
        }
        Map.Entry<String, YNode> e = entries.entrySet().iterator().next();
        MatcherFactory f = byKey.get(e.getKey());
        if (f == null) {
            throw entry.error("unknown matcher '" + e.getKey() + "' (expected one of: "
                    + String.join(", ", byKey.keySet()) + ")");
        }
        return f.create(e.getValue(), this);
    }
}
