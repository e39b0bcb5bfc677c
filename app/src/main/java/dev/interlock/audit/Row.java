package dev.interlock.audit;

import java.time.Instant;

/** A row being written; fields mirror the columns. */
final class Row {
    long id;
    long ts;
    final String type;
    String kind, summary, actionJson, agent, sessionId, toolCallId, workspace, policyVerdict, severity,
            rulesJson, notesJson, environment, verdict, decidedBy, approvalId, reply, output;
    long waitMs;
    Long refId;
    Integer exitCode;
    /** The row's hashed form after id and time, serialised before the write lock is taken. */
    byte[] tail;
    /** For a result whose action was still queued: that action, whose id becomes {@link #refId} when written. */
    GroupCommit.Pending refPending;

    Row(String type) {
        this.type = type;
    }

    AuditRecord toRecord(String prev, String hash) {
        return new AuditRecord(id, Instant.ofEpochMilli(ts), type, kind, summary, actionJson, agent, sessionId,
                toolCallId, workspace, policyVerdict, severity, rulesJson, notesJson, environment, verdict,
                decidedBy, waitMs, approvalId, reply, refId == null ? 0 : refId, exitCode, output, prev, hash);
    }

    /** The key a result finds its still-queued action by, or {@code null} without a tool-call id. */
    String callKey() {
        return callKey(agent, sessionId, toolCallId);
    }

    static String callKey(String agent, String session, String toolCallId) {
        return toolCallId == null ? null : agent + "\n" + session + "\n" + toolCallId;
    }
}
