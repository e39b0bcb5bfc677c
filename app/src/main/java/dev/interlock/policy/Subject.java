package dev.interlock.policy;

import java.util.List;

/**
 * One thing inside an action that rules can match: a simple command found in a shell script, an HTTP request,
 * a SQL statement carried by {@code psql -c}, a GraphQL document, a file path. One action yields one or more
 * subjects; a rule only ever sees subjects of its matcher's {@link #type()}.
 */
public interface Subject {

    /** The matcher type that reads this subject: {@code shell}, {@code construct}, {@code sql}, {@code http}, … */
    String type();

    /**
     * Keys under which rules for this subject are indexed (a program name, a host and its wildcard forms).
     * Rules whose matcher declares no index keys are checked against every subject of the type.
     */
    List<String> indexKeys();

    /** How this subject was reached, for {@code interlock explain} (e.g. "sudo → bash -c → rm"). */
    String describe();

    /**
     * False when part of the subject could not be seen (an HTTP body read from a file or a variable). Matchers
     * treat unseen parts as possibly matching, which is right for a rule and wrong for an exception: on an
     * incomplete subject neither {@code unless:} nor an {@code allow} rule can cancel a hit.
     */
    default boolean complete() {
        return true;
    }
}
