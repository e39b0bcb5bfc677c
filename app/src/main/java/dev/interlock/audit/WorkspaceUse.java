package dev.interlock.audit;

import java.time.Instant;
import java.util.List;

/**
 * A workspace agents acted in, from the audit log.
 *
 * @param workspace the directory as the agent reported it
 * @param actions   how many actions were recorded there
 * @param lastSeen  the newest of them
 * @param agents    which agents, most frequent first
 */
public record WorkspaceUse(String workspace, long actions, Instant lastSeen, List<String> agents) {
    public WorkspaceUse {
        agents = List.copyOf(agents);
    }
}
