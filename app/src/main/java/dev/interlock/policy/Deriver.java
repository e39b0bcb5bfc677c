package dev.interlock.policy;

/**
 * Finds more subjects inside a subject: the HTTP request a {@code curl} command sends, the SQL that
 * {@code psql -c} runs, the statements in a heredoc fed to {@code mysql}. Derived subjects are themselves
 * offered to every deriver (bounded depth), so nesting works.
 */
public interface Deriver {

    /** Subject type this deriver reads ({@link Subject#type()}). */
    String subjectType();

    void derive(Subject subject, SubjectSink sink);
}
