package dev.interlock.policy;

/**
 * Compiles one kind of {@code when:} entry (the YAML key, e.g. {@code shell}, {@code http}, {@code sql}) into a
 * {@link Matcher}. Unknown keys, bad regexes and impossible combinations must fail here with
 * {@link YNode#error(String)}, never at match time.
 */
public interface MatcherFactory {

    /** The YAML key under {@code when:} that this factory reads. */
    String key();

    Matcher create(YNode spec, MatcherFactories all) throws PackException;
}
