package dev.interlock.policy;

/** Reads an extra top-level key of a pack file (besides {@code rules}), e.g. {@code detectors}. */
public interface PackSection {

    String key();

    Object load(YNode node, String packName) throws PackException;
}
