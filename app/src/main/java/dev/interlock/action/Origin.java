package dev.interlock.action;

/**
 * Who is about to act: the agent, its session and tool call, and where it works.
 *
 * @param agent      agent id, e.g. {@code claude-code}, {@code cursor}, {@code proxy}, {@code cli}
 * @param sessionId  the agent's session id, or {@code null}
 * @param toolCallId the agent's id for this tool call, or {@code null}
 * @param workspace  the project directory the agent works in, or {@code null}
 * @param pid        the process id of the acting process where known, or {@code null}
 */
public record Origin(String agent, String sessionId, String toolCallId, String workspace, Long pid) {
    public static final Origin CLI = new Origin("cli", null, null, null, null);

    public Origin {
        agent = agent == null || agent.isBlank() ? "unknown" : agent;
    }

    public static Origin of(String agent, String sessionId, String workspace) {
        return new Origin(agent, sessionId, null, workspace, null);
    }
}
