package dev.interlock.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.Action;
import dev.interlock.action.FileAccess;
import dev.interlock.action.Origin;
import dev.interlock.audit.AuditFilter;
import dev.interlock.audit.AuditRecord;
import dev.interlock.broker.AnswerRejectedException;
import dev.interlock.broker.Grant;
import dev.interlock.broker.HumanAnswer;
import dev.interlock.broker.PendingApproval;
import dev.interlock.broker.Resolution;
import dev.interlock.correlate.Correlator;
import dev.interlock.policy.Decision;
import dev.interlock.policy.PackTester;
import dev.interlock.policy.Policies;
import dev.interlock.policy.Severity;
import dev.interlock.policy.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardServiceTest {
    @TempDir
    Path tmp;

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private GuardService guard;

    static final Origin ORIGIN = new Origin("claude-code", "s1", "t1", "/p", null);
    static final Action ENV = new FileAccess("/p/.env", FileAccess.Mode.READ);

    @AfterEach
    void close() {
        pool.shutdownNow();
        if (guard != null) {
            guard.close();
        }
    }

    private GuardService open(Duration deadline) throws Exception {
        guard = TestPacks.guard(tmp, deadline);
        return guard;
    }

    private PendingApproval awaitPending(int count) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            List<PendingApproval> p = guard.desk().pending();
            if (p.size() >= 1 && p.get(0).joined() >= count) {
                return p.get(0);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no pending approval appeared: " + guard.desk().pending());
    }

    private Future<Resolution> submit(Action a, Origin o) {
        return pool.submit(() -> guard.decide(a, o));
    }

    @Test
    void policyAllowsAndDeniesWithoutAsking() throws Exception {
        open(Duration.ofSeconds(5));
        Resolution ok = guard.decide(new FileAccess("/p/readme", FileAccess.Mode.READ), ORIGIN);
        assertEquals(Verdict.ALLOW, ok.verdict());
        assertEquals("policy", ok.decidedBy());
        Resolution no = guard.decide(new FileAccess("/etc/passwd", FileAccess.Mode.WRITE), ORIGIN);
        assertEquals(Verdict.DENY, no.verdict());
        assertTrue(no.reason().contains("test/etc-write"), no.reason());
        assertEquals(2, guard.audit().count(AuditFilter.ALL));
    }

    /** The proxy's submission: plain allows are recorded after the answer, everything else before it. */
    @Test
    void plainAllowsFromTheProxyAreRecordedLaterAndEverythingElseAtOnce() throws Exception {
        open(Duration.ofSeconds(5));
        List<AuditRecord> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        guard.audit().addListener(seen::add);
        Origin proxy = new Origin("proxy", null, "proxy-1", null, null);
        Resolution denied = guard.decide(new FileAccess("/etc/passwd", FileAccess.Mode.WRITE), proxy,
                Submission.proxy(null));
        assertEquals(Verdict.DENY, denied.verdict());
        assertEquals(1, guard.audit().count(AuditFilter.ALL), "a denial is committed before the answer");
        Origin read = new Origin("proxy", null, "proxy-2", null, null);
        Resolution ok = guard.decide(new FileAccess("/p/readme", FileAccess.Mode.READ), read, Submission.proxy(null));
        assertEquals(Verdict.ALLOW, ok.verdict());
        // its result, reported straight away, attaches to it whether or not the row is written yet
        guard.attachResult(new dev.interlock.audit.ResultReport("proxy", null, "proxy-2", 0, 200, "upstream answered"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < 3 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(2, guard.audit().count(AuditFilter.ALL));
        AuditRecord row = guard.audit().query(AuditFilter.parse("verdict:allow"), 0, 1).get(0);
        assertEquals("/p/readme", ((FileAccess) dev.interlock.action.ActionJson.fromJson(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(row.actionJson()))).path());
        assertEquals(200, row.exitCode(), "the result found its action");
        assertEquals(3, seen.size(), "listeners hear of rows written in the background too: " + seen);
        assertTrue(guard.audit().verify().ok(), guard.audit().verify().problem());
    }

    @Test
    void whenTheAuditLogCannotBeWrittenPlainAllowsStopBeingQueuedAndAreDenied() throws Exception {
        open(Duration.ofSeconds(5));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("home")
                .resolve("interlock.db")); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TRIGGER full_disk BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        }
        FileAccess read = new FileAccess("/p/readme", FileAccess.Mode.READ);
        Resolution first = guard.decide(read, ORIGIN, Submission.proxy(null));
        assertEquals(Verdict.ALLOW, first.verdict(), "read-only: allowed while its row is still queued");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!guard.audit().lastWriteFailed() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertTrue(guard.audit().lastWriteFailed(), "the background write failed");
        Resolution next = guard.decide(read, ORIGIN, Submission.proxy(null));
        assertEquals(Verdict.DENY, next.verdict(), "written at once now, which fails, so it is denied");
        assertTrue(next.reason().contains("cannot write its audit log"), next.reason());
    }

    @Test
    void anUnansweredAskIsDeniedAtItsDeadline() throws Exception {
        open(Duration.ofMillis(400));
        long t0 = System.nanoTime();
        Resolution r = guard.decide(ENV, ORIGIN);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Verdict.DENY, r.verdict());
        assertEquals("timeout", r.decidedBy());
        assertTrue(ms >= 380 && ms < 3000, "held " + ms + " ms");
        assertNotNull(r.approvalId());
        // the caller waited, so its action row carries the answer: no second row for the same event
        Thread.sleep(300);
        List<AuditRecord> rows = guard.audit().query(AuditFilter.parse("decided:timeout"), 0, 10);
        assertEquals(1, rows.size(), "one row: the action, decided by timeout");
        assertTrue(guard.desk().pending().isEmpty());
    }

    @Test
    void anAnswerReleasesTheWaitingCaller() throws Exception {
        open(Duration.ofSeconds(20));
        Future<Resolution> f = submit(ENV, ORIGIN);
        PendingApproval p = awaitPending(1);
        assertTrue(p.agentWaiting());
        assertEquals("/p/.env", ((FileAccess) p.action()).path());
        guard.desk().answer(p.id(), HumanAnswer.allowOnce("terminal", null));
        Resolution r = f.get(5, TimeUnit.SECONDS);
        assertEquals(Verdict.ALLOW, r.verdict());
        assertEquals("human:terminal", r.decidedBy());
        assertEquals(p.id(), r.approvalId());
        AnswerRejectedException again = assertThrows(AnswerRejectedException.class,
                () -> guard.desk().answer(p.id(), HumanAnswer.deny("terminal")));
        assertTrue(again.getMessage().contains("already decided"), again.getMessage());
    }

    @Test
    void identicalAsksFromOneSessionJoinOneApproval() throws Exception {
        open(Duration.ofSeconds(20));
        Future<Resolution> a = submit(ENV, ORIGIN);
        Future<Resolution> b = submit(ENV, ORIGIN);
        PendingApproval p = awaitPending(2);
        Future<Resolution> other = submit(ENV, new Origin("claude-code", "s2", null, "/p", null));
        for (int i = 0; i < 200 && guard.desk().pending().size() < 2; i++) {
            Thread.sleep(10);
        }
        assertEquals(2, guard.desk().pending().size(), "another session gets its own approval");
        guard.desk().answer(p.id(), HumanAnswer.deny("popup"));
        assertEquals("human:popup", a.get(5, TimeUnit.SECONDS).decidedBy());
        assertEquals(Verdict.DENY, b.get(5, TimeUnit.SECONDS).verdict());
        assertFalse(other.isDone());
        guard.desk().freeze("test");
        assertEquals("killswitch", other.get(5, TimeUnit.SECONDS).decidedBy());
    }

    @Test
    void timedGrantsCoverTheExactActionOrTheRuleWithinAWorkspace() throws Exception {
        open(Duration.ofMillis(300));
        Future<Resolution> f = submit(ENV, ORIGIN);
        PendingApproval p = awaitPending(1);
        guard.desk().answer(p.id(), new HumanAnswer(true, new Grant(Grant.Lifetime.MINUTES, Duration.ofMinutes(5),
                Grant.Scope.EXACT_ACTION, "/p"), null, "terminal"));
        assertEquals(Verdict.ALLOW, f.get(5, TimeUnit.SECONDS).verdict());
        Resolution again = guard.decide(ENV, ORIGIN);
        assertEquals(Verdict.ALLOW, again.verdict());
        assertTrue(again.decidedBy().startsWith("grant:g-"), again.decidedBy());
        assertEquals("timeout", guard.decide(new FileAccess("/p/sub/.env", FileAccess.Mode.READ), ORIGIN).decidedBy(),
                "exact scope does not cover another file");
        assertEquals("timeout", guard.decide(ENV, new Origin("claude-code", "s1", null, "/elsewhere", null)).decidedBy(),
                "narrowed to the workspace");
        assertEquals("timeout", guard.decide(ENV, new Origin("cursor", "s1", null, "/p", null)).decidedBy(),
                "grants are bound to the agent");

        Future<Resolution> g = submit(new FileAccess("/p/x.note", FileAccess.Mode.WRITE), ORIGIN);
        PendingApproval q = awaitPending(1);
        guard.desk().answer(q.id(), new HumanAnswer(true, new Grant(Grant.Lifetime.SESSION, null, Grant.Scope.RULE, null),
                null, "terminal"));
        assertEquals(Verdict.ALLOW, g.get(5, TimeUnit.SECONDS).verdict());
        assertTrue(guard.decide(new FileAccess("/q/other.note", FileAccess.Mode.WRITE), ORIGIN).decidedBy().startsWith("grant:"),
                "rule scope covers other notes in this session");
        assertEquals("timeout", guard.decide(new FileAccess("/q/other.note", FileAccess.Mode.WRITE),
                new Origin("claude-code", "s9", null, "/p", null)).decidedBy(), "but not in another session");
        guard.broker().endSession("claude-code", "s1");
        assertEquals("timeout", guard.decide(new FileAccess("/q/other.note", FileAccess.Mode.WRITE), ORIGIN).decidedBy());
    }

    @Test
    void criticalAsksNeedTheTypedTargetAndNeverAlways() throws Exception {
        open(Duration.ofSeconds(20));
        Action drop = new FileAccess("/p/prod.db", FileAccess.Mode.DELETE);
        Future<Resolution> f = submit(drop, ORIGIN);
        PendingApproval p = awaitPending(1);
        assertEquals(Severity.CRITICAL, p.decision().severity());
        assertEquals("/p/prod.db", p.decision().target().orElseThrow());
        AnswerRejectedException none = assertThrows(AnswerRejectedException.class,
                () -> guard.desk().answer(p.id(), HumanAnswer.allowOnce("popup", null)));
        assertTrue(none.getMessage().contains("/p/prod.db"), none.getMessage());
        assertThrows(AnswerRejectedException.class,
                () -> guard.desk().answer(p.id(), HumanAnswer.allowOnce("popup", "/p/other.db")));
        AnswerRejectedException always = assertThrows(AnswerRejectedException.class, () -> guard.desk().answer(p.id(),
                new HumanAnswer(true, new Grant(Grant.Lifetime.ALWAYS, null, Grant.Scope.EXACT_ACTION, null), "/p/prod.db", "popup")));
        assertTrue(always.getMessage().contains("always"), always.getMessage());
        assertFalse(f.isDone(), "rejected answers leave the approval pending");
        guard.desk().answer(p.id(), HumanAnswer.allowOnce("popup", "/p/prod.db"));
        assertEquals(Verdict.ALLOW, f.get(5, TimeUnit.SECONDS).verdict());
    }

    @Test
    void aCallerThatDidNotWaitGetsOneRetryOnceApproved() throws Exception {
        open(Duration.ofSeconds(20));
        Resolution first = guard.decide(ENV, ORIGIN, Submission.NO_WAIT);
        assertEquals(Verdict.ASK, first.verdict());
        assertTrue(first.reason().startsWith("denied: awaiting approval " + first.approvalId()), first.reason());
        PendingApproval p = guard.desk().pending().get(0);
        assertFalse(p.agentWaiting());
        guard.desk().answer(p.id(), HumanAnswer.allowOnce("terminal", null));
        assertEquals(1, guard.audit().count(AuditFilter.parse("type:answer decided:human")));

        Resolution changed = guard.decide(new FileAccess("/q/.env", FileAccess.Mode.READ), ORIGIN, Submission.NO_WAIT);
        assertEquals(Verdict.ASK, changed.verdict(), "any change voids the token");
        Resolution retry = guard.decide(ENV, ORIGIN, Submission.NO_WAIT);
        assertEquals(Verdict.ALLOW, retry.verdict());
        assertEquals("token", retry.decidedBy());
        Resolution third = guard.decide(ENV, ORIGIN, Submission.NO_WAIT);
        assertEquals(Verdict.ASK, third.verdict(), "single use");
    }

    @Test
    void aCallerThatGoesAwayLeavesTheApprovalOpen() throws Exception {
        open(Duration.ofSeconds(20));
        CompletableFuture<Void> gone = new CompletableFuture<>();
        Future<Resolution> f = pool.submit(() -> guard.decide(ENV, ORIGIN, new Submission(true, gone, null)));
        PendingApproval p = awaitPending(1);
        assertTrue(p.agentWaiting());
        gone.complete(null);
        Resolution r = f.get(5, TimeUnit.SECONDS);
        assertEquals(Verdict.ASK, r.verdict());
        assertEquals("pending", r.decidedBy());
        assertFalse(guard.desk().pending().get(0).agentWaiting());
    }

    @Test
    void theKillSwitchDeniesEverythingButPlainReads() throws Exception {
        open(Duration.ofSeconds(20));
        Future<Resolution> f = submit(ENV, ORIGIN);
        awaitPending(1);
        AtomicInteger frozenEvents = new AtomicInteger();
        guard.desk().subscribe(new dev.interlock.broker.ApprovalListener() {
            public void added(PendingApproval a) {
            }

            public void updated(PendingApproval a) {
            }

            public void resolved(PendingApproval a, Resolution r) {
            }

            @Override
            public void frozenChanged(boolean frozen) {
                frozenEvents.incrementAndGet();
            }
        });
        guard.desk().freeze("test");
        assertEquals("killswitch", f.get(5, TimeUnit.SECONDS).decidedBy());
        assertTrue(guard.desk().frozen());
        assertEquals("killswitch", guard.decide(ENV, ORIGIN).decidedBy());
        assertEquals("killswitch", guard.decide(new FileAccess("/etc/passwd", FileAccess.Mode.WRITE), ORIGIN).decidedBy());
        assertEquals(Verdict.ALLOW, guard.decide(new FileAccess("/p/readme", FileAccess.Mode.READ), ORIGIN).verdict());
        guard.desk().thaw("test");
        assertEquals(2, frozenEvents.get());
        assertEquals(Verdict.ALLOW, guard.decide(new FileAccess("/p/a.txt", FileAccess.Mode.WRITE), ORIGIN).verdict());
        assertTrue(guard.decide(ENV, ORIGIN, Submission.NO_WAIT).verdict() == Verdict.ASK);
    }

    @Test
    void alwaysBecomesAnAllowRuleInTheUserPack() throws Exception {
        open(Duration.ofSeconds(2));
        Action note = new FileAccess("/p/todo.note", FileAccess.Mode.WRITE);
        Future<Resolution> f = submit(note, ORIGIN);
        PendingApproval p = awaitPending(1);
        guard.desk().answer(p.id(), new HumanAnswer(true, new Grant(Grant.Lifetime.ALWAYS, null, Grant.Scope.EXACT_ACTION,
                "/p"), null, "popup"));
        assertEquals(Verdict.ALLOW, f.get(5, TimeUnit.SECONDS).verdict());
        Path user = guard.dataDir().packs().resolve("user.yaml");
        assertTrue(Files.exists(user));
        var pack = Policies.loader().load(user);
        assertTrue(PackTester.test(pack).passed());
        Resolution later = guard.decide(note, new Origin("cursor", "x", null, "/p", null));
        assertEquals(Verdict.ALLOW, later.verdict());
        assertEquals("policy", later.decidedBy());
        assertEquals("timeout", guard.decide(new FileAccess("/p/other.note", FileAccess.Mode.WRITE), ORIGIN).decidedBy());

        Future<Resolution> g = submit(new FileAccess("/p/two.note", FileAccess.Mode.WRITE), ORIGIN);
        PendingApproval q = awaitPending(1);
        AnswerRejectedException rule = assertThrows(AnswerRejectedException.class, () -> guard.desk().answer(q.id(),
                new HumanAnswer(true, new Grant(Grant.Lifetime.ALWAYS, null, Grant.Scope.RULE, null), null, "popup")));
        assertTrue(rule.getMessage().contains("exact"), rule.getMessage());
        guard.desk().answer(q.id(), HumanAnswer.deny("popup"));
        assertEquals(Verdict.DENY, g.get(5, TimeUnit.SECONDS).verdict());
    }

    @Test
    void theCorrelatorCanEscalateAndObservesEveryResolution() throws Exception {
        open(Duration.ofMillis(200));
        AtomicInteger observed = new AtomicInteger();
        guard.setCorrelator(new Correlator() {
            @Override
            public Decision assess(Action action, Origin origin, Decision decision) {
                return action instanceof FileAccess fa && fa.path().endsWith("creds")
                        ? decision.escalate(Severity.HIGH, Verdict.ASK, "credential read earlier") : decision;
            }

            @Override
            public void observe(Action action, Origin origin, Resolution resolution) {
                observed.incrementAndGet();
            }
        });
        Resolution r = guard.decide(new FileAccess("/p/creds", FileAccess.Mode.READ), ORIGIN);
        assertEquals("timeout", r.decidedBy());
        assertTrue(r.decision().notes().contains("credential read earlier"));
        guard.decide(new FileAccess("/p/plain", FileAccess.Mode.READ), ORIGIN);
        assertEquals(2, observed.get());
        AuditRecord row = guard.audit().query(AuditFilter.parse("type:action"), 1, 1).get(0);
        assertTrue(row.notesJson().contains("credential read earlier"), row.notesJson());
    }

    @Test
    void settingsAndUserPacksReloadTheEngine() throws Exception {
        open(Duration.ofMillis(200));
        assertEquals("timeout", guard.decide(ENV, ORIGIN).decidedBy());
        Files.writeString(guard.dataDir().settings(), "{\"disabled\": [\"test/secret-read\"], \"futureKey\": 1}");
        guard.reload();
        assertEquals(Verdict.ALLOW, guard.decide(ENV, ORIGIN).verdict());
        Files.createDirectories(guard.dataDir().packs());
        Files.writeString(guard.dataDir().packs().resolve("broken.yaml"), "pack: broken\nrules: [");
        guard.reload();
        assertTrue(guard.problems().stream().anyMatch(p -> p.contains("broken")), guard.problems().toString());
        assertEquals(Verdict.DENY, guard.decide(new FileAccess("/etc/passwd", FileAccess.Mode.WRITE), ORIGIN).verdict());
    }
}
