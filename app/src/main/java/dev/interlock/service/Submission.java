package dev.interlock.service;

import dev.interlock.broker.Resolution;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * How a sensor submits an action to {@link GuardService#decide(dev.interlock.action.Action,
 * dev.interlock.action.Origin, Submission)}.
 *
 * @param waitForHuman hold the call while a human is asked (false: return "denied: awaiting approval &lt;id&gt;" at
 *                   once; a retry of the identical action after approval passes once)
 * @param callerGone completes when the caller disconnects: the hold ends and the approval stays open ({@code null}:
 *                   the caller never goes away)
 * @param reply      renders the text the agent will read, so it is stored in the same audit row before the reply
 *                   is sent ({@code null}: the resolution's reason)
 * @param recordPlainAllowsLater when the policy allows the action without any rule matching (read-only traffic),
 *                   return before its audit row is committed; the row is queued and written within milliseconds.
 *                   Anything a rule matched, a human answered, or that is paused, frozen or denied is still
 *                   committed before this returns. The proxy uses it: most of what it sees is read-only.
 */
public record Submission(boolean waitForHuman, CompletableFuture<?> callerGone, Function<Resolution, String> reply,
                         boolean recordPlainAllowsLater) {
    public static final Submission WAIT = new Submission(true, null, null);
    public static final Submission NO_WAIT = new Submission(false, null, null);

    public Submission(boolean waitForHuman, CompletableFuture<?> callerGone, Function<Resolution, String> reply) {
        this(waitForHuman, callerGone, reply, false);
    }

    /** How the HTTPS proxy submits: holds while a human is asked, ends the hold when the client hangs up. */
    public static Submission proxy(CompletableFuture<?> clientGone) {
        return new Submission(true, clientGone, null, true);
    }
}
