package dev.interlock.policy;

import dev.interlock.action.Action;

/**
 * Turns an action into subjects ({@link SubjectSink#add}). One analyzer per action kind; the shell analyzer
 * parses the script, the HTTP analyzer parses URL, body and GraphQL.
 */
public interface Analyzer {

    /** True when this analyzer reads {@code action}. */
    boolean accepts(Action action);

    void analyze(Action action, SubjectSink sink);
}
