package dev.interlock.broker;

import dev.interlock.action.Action;
import dev.interlock.action.Origin;
import dev.interlock.policy.Decision;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Severity;
import dev.interlock.policy.Verdict;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Holds {@code ask} decisions until a human answers or the deadline passes (expiry denies), joins identical
 * asks from the same session, keeps grants and confirmation tokens, and owns the kill switch
 * (ARCHITECTURE.md §4). The policy and audit steps around it belong to the composition root
 * ({@code dev.interlock.service.GuardService}).
 */
public final class Broker implements ApprovalDesk, AutoCloseable {

    /** Writes an "always" grant as an allow rule in the user pack (and reloads the policy). */
    public interface AlwaysGrants {
        void write(PendingApproval approval, HumanAnswer answer) throws AnswerRejectedException;

        AlwaysGrants UNSUPPORTED = (p, a) -> {
            throw new AnswerRejectedException("\"always\" grants are not available here; choose once, minutes or session");
        };
    }

    /** How an approval ended; each waiting caller turns it into its own {@link Resolution}. */
    private record Outcome(Verdict verdict, String decidedBy, String reason) {
    }

    private static final class Pending {
        final String id;
        final String key;
        final String hash;
        final Action action;
        final Origin origin;
        final Decision decision;
        final Instant created;
        final Instant deadline;
        final CompletableFuture<Outcome> done = new CompletableFuture<>();
        ScheduledFuture<?> timer;
        int joined = 1;
        int waiters;
        boolean unattended;

        Pending(String id, String key, String hash, Action action, Origin origin, Decision decision, Instant created,
                Instant deadline) {
            this.id = id;
            this.key = key;
            this.hash = hash;
            this.action = action;
            this.origin = origin;
            this.decision = decision;
            this.created = created;
            this.deadline = deadline;
        }

        PendingApproval view() {
            return new PendingApproval(id, action, origin, decision, created, deadline, waiters > 0, joined);
        }
    }

    private static final String ID_CHARS = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int RECENT = 2000;

    private final Supplier<Duration> deadline;
    private final Supplier<Duration> tokenTtl;
    private final ConfirmationTokens tokens;
    private final Clock clock;
    private final AlwaysGrants always;
    private final ScheduledExecutorService timers;
    private final SecureRandom random = new SecureRandom();
    private final List<ApprovalListener> listeners = new CopyOnWriteArrayList<>();

    // guarded by this
    private final Map<String, Pending> byId = new LinkedHashMap<>();
    private final Map<String, Pending> byKey = new LinkedHashMap<>();
    private final Map<String, ActiveGrant> grants = new LinkedHashMap<>();
    private final Map<String, Resolution> recent = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Resolution> eldest) {
            return size() > RECENT;
        }
    };
    private boolean frozen;
    private Instant pausedUntil;

    /** The longest pause the broker accepts: a forgotten pause must end by itself. */
    public static final Duration MAX_PAUSE = Duration.ofHours(8);

    public Broker(Supplier<Duration> deadline, Supplier<Duration> tokenTtl, ConfirmationTokens tokens, Clock clock,
                  AlwaysGrants always) {
        this.deadline = deadline;
        this.tokenTtl = tokenTtl;
        this.tokens = tokens;
        this.clock = clock;
        this.always = always;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "interlock-deadlines");
            t.setDaemon(true);
            return t;
        });
    }

    // ---- the guard side ------------------------------------------------------------------------------------

    /**
     * Resolves an {@code ask} decision: a grant or a confirmation token lets it through, otherwise it becomes (or
     * joins) a pending approval. With {@code wait} the call blocks until a human answers, the deadline passes
     * (deny, {@code timeout}) or {@code callerGone} completes; without, it returns at once with verdict
     * {@code ask} and "denied: awaiting approval &lt;id&gt;".
     *
     * @param callerGone completes when the caller disconnects (may be {@code null})
     */
    public Resolution hold(Action action, Origin origin, Decision decision, boolean wait,
                           CompletableFuture<?> callerGone) {
        Instant start = clock.instant();
        String hash = ActionHash.of(action);
        Pending p;
        boolean added;
        synchronized (this) {
            if (frozen) {
                return killswitch(decision, Duration.ZERO, null);
            }
            for (ActiveGrant g : grants.values()) {
                if (g.covers(hash, origin, decision, start)) {
                    return new Resolution(Verdict.ALLOW, decision, "grant:" + g.id(), Duration.ZERO, null,
                            "Allowed by a grant the user gave (" + describe(g.grant()) + ").");
                }
            }
            Optional<String> token = tokens.consume(origin.agent(), hash);
            if (token.isPresent()) {
                return new Resolution(Verdict.ALLOW, decision, "token", Duration.ZERO, null,
                        "Allowed once: the user approved this exact action (confirmation " + token.get() + ").");
            }
            if (pausedNow(start) && pauseCovers(decision)) {
                return new Resolution(Verdict.ALLOW, decision, "pause", Duration.ZERO, null, pausedReason(pausedUntil));
            }
            String key = origin.agent() + "|" + origin.sessionId() + "|" + hash;
            p = byKey.get(key);
            added = p == null;
            if (added) {
                Instant due = start.plus(deadline.get());
                p = new Pending(newId(), key, hash, action, origin, decision, start, due);
                byId.put(p.id, p);
                byKey.put(key, p);
                Pending timed = p;
                p.timer = timers.schedule(() -> expire(timed), Duration.between(start, due).toMillis(),
                        TimeUnit.MILLISECONDS);
            } else {
                p.joined++;
            }
            if (wait) {
                p.waiters++;
            } else {
                p.unattended = true;
            }
        }
        PendingApproval view = snapshot(p);
        for (ApprovalListener l : listeners) {
            safely(() -> {
                if (added) {
                    l.added(view);
                } else {
                    l.updated(view);
                }
            });
        }
        if (!wait) {
            return awaiting(p, decision, start);
        }
        return await(p, decision, start, callerGone);
    }

    private Resolution await(Pending p, Decision decision, Instant start, CompletableFuture<?> callerGone) {
        CompletableFuture<Object> either = callerGone == null ? p.done.thenApply(o -> o)
                : CompletableFuture.anyOf(p.done, callerGone);
        Object result;
        try {
            long ms = Math.max(0, Duration.between(clock.instant(), p.deadline).toMillis()) + 2000;
            result = either.get(ms, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            expire(p);
            result = p.done.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = null;
        } catch (ExecutionException e) {
            result = null;
        }
        if (result instanceof Outcome o) {
            return new Resolution(o.verdict(), decision, o.decidedBy(), Duration.between(start, clock.instant()), p.id,
                    o.reason());
        }
        if (p.done.isDone()) {
            Outcome o = p.done.join();
            return new Resolution(o.verdict(), decision, o.decidedBy(), Duration.between(start, clock.instant()), p.id,
                    o.reason());
        }
        // the caller went away (or this thread was interrupted): the approval stays open for a later retry
        PendingApproval view;
        synchronized (this) {
            p.waiters = Math.max(0, p.waiters - 1);
            p.unattended = true;
            view = p.view();
        }
        for (ApprovalListener l : listeners) {
            safely(() -> l.updated(view));
        }
        return awaiting(p, decision, start);
    }

    private Resolution awaiting(Pending p, Decision decision, Instant start) {
        String why = decision.primary().map(m -> m.qualifiedId() + ": " + m.explain()).orElse(decision.summary());
        return new Resolution(Verdict.ASK, decision, "pending", Duration.between(start, clock.instant()), p.id,
                "denied: awaiting approval " + p.id + " — " + why + " A human must approve it in Interlock (the "
                        + "pop-up or `interlock approvals`) before " + p.deadline + "; then retry the identical action once.");
    }

    private void expire(Pending p) {
        resolve(p, new Outcome(Verdict.DENY, "timeout", "Interlock: denied — nobody approved this within "
                + Duration.between(p.created, p.deadline).toSeconds() + " s (approval " + p.id
                + "). Ask the user to approve it in Interlock, then retry the identical action."));
    }

    private boolean resolve(Pending p, Outcome o) {
        PendingApproval view;
        Resolution r;
        synchronized (this) {
            if (p.done.isDone() || byId.get(p.id) != p) {
                return false;
            }
            byId.remove(p.id);
            byKey.remove(p.key);
            if (p.timer != null) {
                p.timer.cancel(false);
            }
            view = p.view();
            r = new Resolution(o.verdict(), p.decision, o.decidedBy(), Duration.between(p.created, clock.instant()),
                    p.id, o.reason());
            recent.put(p.id, r);
            // a caller that was told "awaiting approval" may retry: give it one pass for this exact action
            if (o.verdict() == Verdict.ALLOW && p.unattended) {
                tokens.mint(p.origin.agent(), p.hash, tokenTtl.get());
            }
            p.done.complete(o);
        }
        for (ApprovalListener l : listeners) {
            safely(() -> l.resolved(view, r));
        }
        return true;
    }

    private Resolution killswitch(Decision decision, Duration waited, String approvalId) {
        return new Resolution(Verdict.DENY, decision, "killswitch", waited, approvalId,
                "Interlock is frozen (kill switch): every action that changes something is denied until the user "
                        + "thaws it (`interlock thaw` or the tray).");
    }

    // ---- the desk side ---------------------------------------------------------------------------------------

    @Override
    public synchronized List<PendingApproval> pending() {
        List<PendingApproval> out = new ArrayList<>();
        byId.values().forEach(p -> out.add(p.view()));
        return out;
    }

    public synchronized Optional<PendingApproval> find(String id) {
        Pending p = byId.get(id);
        return p == null ? Optional.empty() : Optional.of(p.view());
    }

    /** How an approval ended, for the last few thousand approvals. */
    public synchronized Optional<Resolution> outcome(String id) {
        return Optional.ofNullable(recent.get(id));
    }

    @Override
    public void subscribe(ApprovalListener listener) {
        listeners.add(listener);
    }

    @Override
    public void unsubscribe(ApprovalListener listener) {
        listeners.remove(listener);
    }

    /**
     * What a human must type to approve this decision, if anything: for critical severity the target's name
     * ({@link Decision#target()}), or the top rule's id when the rule cannot name a target.
     */
    public static Optional<String> requiredTyping(Decision d) {
        if (d.severity() != Severity.CRITICAL) {
            return Optional.empty();
        }
        return Optional.of(d.target().orElseGet(() -> d.primary().map(RuleMatch::qualifiedId).orElse("critical")));
    }

    @Override
    public void answer(String approvalId, HumanAnswer answer) throws AnswerRejectedException {
        Pending p;
        synchronized (this) {
            p = byId.get(approvalId);
        }
        if (p == null) {
            Resolution done = outcome(approvalId).orElse(null);
            throw new AnswerRejectedException(done == null ? "no pending approval '" + approvalId + "'"
                    : "approval " + approvalId + " was already decided (" + done.verdict().word() + " by "
                    + done.decidedBy() + ")");
        }
        String by = "human:" + answer.surface();
        if (!answer.allow()) {
            if (!resolve(p, new Outcome(Verdict.DENY, by, "Interlock: the user denied this (" + answer.surface() + ")."))) {
                throw new AnswerRejectedException("approval " + approvalId + " was decided in the meantime");
            }
            return;
        }
        Grant g = answer.grant();
        Optional<String> typing = requiredTyping(p.decision);
        if (typing.isPresent()) {
            if (g.lifetime() == Grant.Lifetime.ALWAYS) {
                throw new AnswerRejectedException("a critical action cannot be allowed \"always\"; choose once, minutes or session");
            }
            String typed = answer.typedTarget() == null ? "" : answer.typedTarget().trim();
            if (!typed.equals(typing.get())) {
                throw new AnswerRejectedException("this is a critical action: to approve it, type the target's name exactly: "
                        + typing.get());
            }
        }
        if (g.lifetime() == Grant.Lifetime.SESSION && p.origin.sessionId() == null) {
            throw new AnswerRejectedException("the agent gave no session id, so \"this session\" cannot be told apart; "
                    + "choose once or minutes");
        }
        ActiveGrant active = null;
        if (g.lifetime() == Grant.Lifetime.ALWAYS) {
            always.write(p.view(), answer);
        } else if (g.lifetime() != Grant.Lifetime.ONCE) {
            Set<String> rules = new LinkedHashSet<>();
            p.decision.matches().stream().filter(m -> m.verdict() == Verdict.ASK)
                    .forEach(m -> rules.add(m.qualifiedId()));
            Instant expires = g.lifetime() == Grant.Lifetime.MINUTES ? clock.instant().plus(g.duration()) : null;
            active = new ActiveGrant("g-" + newId(), g, p.origin.agent(), p.origin.sessionId(), p.hash, Set.copyOf(rules),
                    p.decision.target().orElse(null), expires);
        }
        synchronized (this) {
            if (p.done.isDone()) {
                throw new AnswerRejectedException("approval " + approvalId + " was decided in the meantime");
            }
            if (active != null) {
                grants.put(active.id(), active);
            }
        }
        if (!resolve(p, new Outcome(Verdict.ALLOW, by, "Allowed by the user (" + answer.surface()
                + (g.lifetime() == Grant.Lifetime.ONCE ? "" : ", " + describe(g)) + ")."))) {
            throw new AnswerRejectedException("approval " + approvalId + " was decided in the meantime");
        }
        reevaluatePending();
    }

    /** After a new grant, pending asks it covers are allowed too (queue, never drop; re-check after answers). */
    private void reevaluatePending() {
        List<Pending> covered = new ArrayList<>();
        Map<Pending, ActiveGrant> by = new LinkedHashMap<>();
        synchronized (this) {
            Instant now = clock.instant();
            for (Pending q : byId.values()) {
                for (ActiveGrant g : grants.values()) {
                    if (g.covers(q.hash, q.origin, q.decision, now)) {
                        covered.add(q);
                        by.put(q, g);
                        break;
                    }
                }
            }
        }
        for (Pending q : covered) {
            ActiveGrant g = by.get(q);
            resolve(q, new Outcome(Verdict.ALLOW, "grant:" + g.id(), "Allowed by a grant the user gave ("
                    + describe(g.grant()) + ")."));
        }
    }

    static String describe(Grant g) {
        String life = switch (g.lifetime()) {
            case ONCE -> "once";
            case MINUTES -> "for " + g.duration().toMinutes() + " min";
            case SESSION -> "for this agent session";
            case ALWAYS -> "always";
        };
        String scope = g.scope() == Grant.Scope.EXACT_ACTION ? "this exact action" : "anything the same rule matches";
        return scope + ", " + life + (g.workspace() != null ? ", in " + g.workspace() : "");
    }

    public synchronized List<ActiveGrant> grants() {
        Instant now = clock.instant();
        grants.values().removeIf(g -> g.expired(now));
        return List.copyOf(grants.values());
    }

    public synchronized boolean revokeGrant(String id) {
        return grants.remove(id) != null;
    }

    /** Ends an agent session: its session grants end with it. */
    public synchronized void endSession(String agent, String sessionId) {
        grants.values().removeIf(g -> g.grant().lifetime() == Grant.Lifetime.SESSION && g.agent().equals(agent)
                && sessionId != null && sessionId.equals(g.sessionId()));
    }

    @Override
    public synchronized boolean frozen() {
        return frozen;
    }

    @Override
    public void freeze(String by) {
        List<Pending> open;
        synchronized (this) {
            if (frozen) {
                return;
            }
            frozen = true;
            open = new ArrayList<>(byId.values());
        }
        for (Pending p : open) {
            Resolution k = killswitch(p.decision, Duration.ZERO, p.id);
            resolve(p, new Outcome(Verdict.DENY, "killswitch", k.reason()));
        }
        for (ApprovalListener l : listeners) {
            safely(() -> l.frozenChanged(true));
        }
    }

    @Override
    public void thaw(String by) {
        synchronized (this) {
            if (!frozen) {
                return;
            }
            frozen = false;
        }
        for (ApprovalListener l : listeners) {
            safely(() -> l.frozenChanged(false));
        }
    }

    // ---- pause ("learning") ---------------------------------------------------------------------------------

    /**
     * Pauses prompting: until {@code now + d}, an ask that {@link #pauseCovers} is allowed at once and recorded
     * as decided by {@code pause}; critical asks and anything aimed at production still wait for a human, policy
     * denials stay denials and the kill switch still wins. Pending asks the pause covers are allowed now.
     *
     * @throws IllegalArgumentException for a duration that is not positive or longer than {@link #MAX_PAUSE}
     */
    public void pause(Duration d, String by) {
        if (d == null || d.isZero() || d.isNegative() || d.compareTo(MAX_PAUSE) > 0) {
            throw new IllegalArgumentException("a pause lasts between 1 second and " + MAX_PAUSE.toHours() + " hours, not "
                    + d);
        }
        Instant until;
        List<Pending> covered = new ArrayList<>();
        synchronized (this) {
            pausedUntil = clock.instant().plus(d);
            until = pausedUntil;
            for (Pending p : byId.values()) {
                if (pauseCovers(p.decision)) {
                    covered.add(p);
                }
            }
        }
        for (Pending p : covered) {
            resolve(p, new Outcome(Verdict.ALLOW, "pause", pausedReason(until)));
        }
        for (ApprovalListener l : listeners) {
            safely(() -> l.pauseChanged(until));
        }
    }

    /** Ends a pause early (no-op when not paused). */
    public void resume(String by) {
        synchronized (this) {
            if (pausedUntil == null) {
                return;
            }
            pausedUntil = null;
        }
        for (ApprovalListener l : listeners) {
            safely(() -> l.pauseChanged(null));
        }
    }

    /** Until when prompting is paused, or empty (an expired pause reads as not paused). */
    public synchronized Optional<Instant> pausedUntil() {
        return pausedNow(clock.instant()) ? Optional.of(pausedUntil) : Optional.empty();
    }

    private boolean pausedNow(Instant now) {
        if (pausedUntil != null && !now.isBefore(pausedUntil)) {
            pausedUntil = null;
        }
        return pausedUntil != null;
    }

    /**
     * What a pause lets through without a human: an ask below critical severity whose target is not known to be
     * production. Critical asks (deleting volumes, databases, whole accounts; using a credential found outside
     * the workspace) and production targets always ask, paused or not.
     */
    public static boolean pauseCovers(Decision d) {
        if (d.verdict() != Verdict.ASK || d.severity() == Severity.CRITICAL) {
            return false;
        }
        String env = d.environment();
        return env == null || !env.toLowerCase(java.util.Locale.ROOT).matches(".*\\b(prod|production|prd|live)\\b.*");
    }

    /** One sentence for the tooltip, status and README: what "paused" means. */
    public static final String PAUSE_SEMANTICS = "while paused, asks below critical are allowed and recorded "
            + "(decided by 'pause'); critical actions and production targets still ask, policy denials stay denied, "
            + "and the kill switch still wins";

    private static String pausedReason(Instant until) {
        return "Allowed without asking: the user paused Interlock's prompts until " + until + " (recorded in "
                + "the audit log as decided by 'pause'; critical actions and production targets still ask).";
    }

    /** The resolution the kill switch gives an action while frozen. */
    public Resolution frozenResolution(Decision decision) {
        return killswitch(decision, Duration.ZERO, null);
    }

    private synchronized PendingApproval snapshot(Pending p) {
        return p.view();
    }

    private String newId() {
        StringBuilder sb = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            sb.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return sb.toString();
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            System.err.println("interlock: approval listener failed: " + e);
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
