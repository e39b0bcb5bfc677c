package dev.interlock.policy;

import java.util.List;
import java.util.Optional;

/**
 * A compiled rule. It matches a subject when one of its {@code when} matchers hits and none of its
 * {@code unless} matchers does.
 */
public record Rule(String pack, String id, Severity severity, Verdict verdict, String explain,
                   List<Matcher> when, List<Matcher> unless, Examples examples, int line) {

    public Rule {
        when = List.copyOf(when);
        unless = List.copyOf(unless);
    }

    public String qualifiedId() {
        return pack + "/" + id;
    }

    /** Identity: rules are compiled once and compared on the hot path (index sets), so no deep record equality. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** Tests the rule against one subject. */
    public Optional<RuleMatch> match(Subject subject) {
        for (Matcher m : when) {
            if (!m.subjectType().equals(subject.type())) {
                continue;
            }
            Optional<Hit> hit = m.match(subject);
            if (hit.isPresent()) {
                for (Matcher u : subject.complete() ? unless : List.<Matcher>of()) {
                    if (u.subjectType().equals(subject.type()) && u.match(subject).isPresent()) {
                        return Optional.empty();
                    }
                }
                Hit h = hit.get();
                return Optional.of(new RuleMatch(pack, id, severity, verdict, h.note() == null ? explain : h.note(),
                        h.span(), h.target()));
            }
        }
        return Optional.empty();
    }
}
