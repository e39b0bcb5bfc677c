package dev.interlock.audit;

/**
 * What an agent reported after running an action (PostToolUse and equivalents). The action row is found by
 * {@code auditId} when given, else by agent + session + tool-call id (the most recent such action).
 *
 * @param agent      the agent id
 * @param sessionId  the agent's session, or {@code null}
 * @param toolCallId the agent's tool-call id, or {@code null}
 * @param auditId    the action row's id when the caller knows it, else 0
 * @param exitCode   exit code, or {@code null} when not reported
 * @param output     output (stdout/stderr or tool response); stored masked and cut to the configured bound
 */
public record ResultReport(String agent, String sessionId, String toolCallId, long auditId, Integer exitCode,
                           String output) {
}
