package dev.interlock.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A compiled {@code when:} entry of a rule: a structural test on one kind of {@link Subject}. */
public interface Matcher {

    /** The {@link Subject#type()} this matcher reads. */
    String subjectType();

    /** Index keys (program names, hosts incl. {@code *.example.com}); empty: check every subject of the type. */
    Set<String> indexKeys();

    Optional<Hit> match(Subject subject);

    /**
     * This matcher as part of a rule whose {@code when} and {@code unless} matchers are {@code rule} (this one
     * included): a matcher may read what its siblings declare about the same program, e.g. that a flag a sibling
     * names as target takes a value. Called once when the rule is compiled; default: unchanged.
     */
    default Matcher inRule(List<Matcher> rule) {
        return this;
    }
}
