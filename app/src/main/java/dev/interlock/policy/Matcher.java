package dev.interlock.policy;

import java.util.Optional;
import java.util.Set;

/** A compiled {@code when:} entry of a rule: a structural test on one kind of {@link Subject}. */
public interface Matcher {

    /** The {@link Subject#type()} this matcher reads. */
    String subjectType();

    /** Index keys (program names, hosts incl. {@code *.example.com}); empty: check every subject of the type. */
    Set<String> indexKeys();

    Optional<Hit> match(Subject subject);
}
