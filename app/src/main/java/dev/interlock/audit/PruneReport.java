package dev.interlock.audit;

/** What retention removed: rows up to and including {@code throughId}; a checkpoint row records it in the chain. */
public record PruneReport(long rowsDeleted, long throughId, long bytesBefore, long bytesAfter) {
}
