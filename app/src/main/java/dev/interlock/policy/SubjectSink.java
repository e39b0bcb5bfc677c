package dev.interlock.policy;

/** Collects subjects during analysis, and the notes {@code interlock explain} shows. */
public interface SubjectSink {

    void add(Subject subject);

    /** A step worth showing in {@code interlock explain}, e.g. "unwrapped sudo". */
    void note(String step);
}
