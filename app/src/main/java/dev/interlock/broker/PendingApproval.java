package dev.interlock.broker;

import dev.interlock.action.Action;
import dev.interlock.action.Origin;
import dev.interlock.policy.Decision;
import java.time.Instant;

/**
 * An action held until a human answers or its deadline passes.
 *
 * @param id           short unique id the agent and the human both see
 * @param action       what the agent wants to do
 * @param origin       which agent, session and workspace
 * @param decision     why it is held
 * @param created      when it arrived
 * @param deadline     when it will be denied if nobody answers
 * @param agentWaiting false once the agent (or proxy client) gave up waiting: the UI shows "no longer waiting"
 * @param joined       how many identical requests from the same session share this approval (1 = just this one)
 */
public record PendingApproval(String id, Action action, Origin origin, Decision decision, Instant created,
                              Instant deadline, boolean agentWaiting, int joined) {
}
