package dev.interlock.broker;

import dev.interlock.action.Origin;
import dev.interlock.policy.Decision;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Severity;
import dev.interlock.policy.Verdict;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A grant in force: what a human's "yes for N minutes / this session" covers.
 *
 * @param id         shown as {@code grant:<id>} in the audit log
 * @param grant      what the human chose
 * @param agent      only this agent
 * @param sessionId  for session grants: only this session
 * @param actionHash for exact-action grants: only this action
 * @param ruleIds    for rule grants: the ask rules the approved action matched
 * @param target     the approved action's target (a critical action only passes with the same target)
 * @param expires    when it ends ({@code null}: with the session / the service)
 */
public record ActiveGrant(String id, Grant grant, String agent, String sessionId, String actionHash,
                          Set<String> ruleIds, String target, Instant expires) {

    public boolean expired(Instant now) {
        return expires != null && !now.isBefore(expires);
    }

    /** True when this grant lets an {@code ask} decision through. */
    public boolean covers(String hash, Origin origin, Decision d, Instant now) {
        if (expired(now) || d.verdict() != Verdict.ASK || !agent.equals(origin.agent())) {
            return false;
        }
        if (grant.lifetime() == Grant.Lifetime.SESSION
                && (sessionId == null || !sessionId.equals(origin.sessionId()))) {
            return false;
        }
        if (grant.workspace() != null && (origin.workspace() == null || !within(origin.workspace(), grant.workspace()))) {
            return false;
        }
        if (d.severity() == Severity.CRITICAL && !Objects.equals(target, d.target().orElse(null))) {
            return false;
        }
        if (grant.scope() == Grant.Scope.EXACT_ACTION) {
            return hash.equals(actionHash);
        }
        boolean any = false;
        for (RuleMatch m : d.matches()) {
            if (m.verdict() == Verdict.ASK) {
                if (!ruleIds.contains(m.qualifiedId())) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    static boolean within(String path, String root) {
        String r = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        return path.equals(r) || path.startsWith(r + "/") || path.startsWith(r + "\\");
    }
}
