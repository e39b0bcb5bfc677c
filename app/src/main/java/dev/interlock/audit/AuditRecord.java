package dev.interlock.audit;

import java.time.Instant;

/**
 * One row of the audit log, as stored (secrets already masked). For {@code action} rows read through
 * {@link AuditLog#query}, {@code exitCode} and {@code output} come from the after-the-fact result attached to it.
 *
 * @param id            row id; ascending in the order rows were written (the hash chain's order)
 * @param time          when the row was written
 * @param type          {@code action} (an action and how it was resolved), {@code answer} (a human answer or a
 *                      timeout for an approval whose caller no longer waited), {@code result} (exit code and output
 *                      reported after the fact), {@code checkpoint} (retention pruned older rows)
 * @param kind          action kind: shell, file, http, mcp
 * @param summary       one line for humans (masked)
 * @param actionJson    the whole action as JSON (masked)
 * @param agent         origin: agent id
 * @param sessionId     origin: the agent's session
 * @param toolCallId    origin: the agent's tool-call id
 * @param workspace     origin: the workspace
 * @param policyVerdict what the policy said: allow | ask | deny
 * @param severity      low | medium | high | critical
 * @param rulesJson     the matched rules, JSON array (see {@code DecisionJson})
 * @param notesJson     notes added after matching, JSON array
 * @param environment   production, staging… where known
 * @param verdict       the final verdict: allow | deny (ask only while a caller that did not wait is still pending)
 * @param decidedBy     policy | human:popup | human:terminal | grant:&lt;id&gt; | token | timeout | killswitch |
 *                      offline | pending (the caller stopped waiting; the answer follows in an {@code answer} row)
 * @param waitMs        how long the action was held
 * @param approvalId    the pending approval's id when a human was asked
 * @param reply         the text the agent read (its hook reply), masked
 * @param refId         for result/answer rows: the action row they belong to (0 when unknown)
 * @param exitCode      the reported exit code, or {@code null}
 * @param output        a bounded excerpt of the reported output (masked), or {@code null}
 * @param prevHash      the previous row's hash (the chain)
 * @param hash          sha256(prevHash + canonical row content)
 */
public record AuditRecord(long id, Instant time, String type, String kind, String summary, String actionJson,
                          String agent, String sessionId, String toolCallId, String workspace,
                          String policyVerdict, String severity, String rulesJson, String notesJson,
                          String environment, String verdict, String decidedBy, long waitMs, String approvalId,
                          String reply, long refId, Integer exitCode, String output, String prevHash,
                          String hash) {
}
