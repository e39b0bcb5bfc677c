package dev.interlock.service;

import dev.interlock.action.Action;
import dev.interlock.action.FileAccess;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Severity;
import dev.interlock.policy.Span;
import dev.interlock.watch.BurstAlert;
import dev.interlock.watch.WorkspaceWatcher;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import dev.interlock.action.Origin;
import dev.interlock.audit.AuditException;
import dev.interlock.audit.AuditLog;
import dev.interlock.audit.ResultReport;
import dev.interlock.audit.SecretMasker;
import dev.interlock.broker.ApprovalDesk;
import dev.interlock.broker.ApprovalListener;
import dev.interlock.broker.Broker;
import dev.interlock.broker.ConfirmationTokens;
import dev.interlock.broker.Guard;
import dev.interlock.broker.PendingApproval;
import dev.interlock.broker.Resolution;
import dev.interlock.broker.UserPackWriter;
import dev.interlock.config.DataDir;
import dev.interlock.config.InstallKey;
import dev.interlock.config.Settings;
import dev.interlock.correlate.Correlator;
import dev.interlock.correlate.Correlators;
import dev.interlock.policy.Decision;
import dev.interlock.policy.Pack;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The composition root of the guard (ARCHITECTURE.md §1): settings, policy engine, correlator, broker and audit
 * log, wired into the one pipeline every sensor goes through:
 * {@code engine.evaluate → correlator.assess → kill switch / broker → audit (committed) → correlator.observe}.
 * The tray app and {@code interlock serve} each own one instance per data directory.
 *
 * <p>Fails closed everywhere: an action the engine cannot analyse is asked about, an audit write that fails
 * turns the resolution into a deny, a user pack that stops loading keeps the previous policy.
 */
public final class GuardService implements Guard, AutoCloseable {

    /** Options for {@link #open(DataDir, Options)}. */
    public record Options(Duration deadline, PolicyEngine engine, Clock clock, boolean watchFiles, Path bundledPacks) {
        public static final Options DEFAULT = new Options(null, null, Clock.systemUTC(), true, null);

        /** Every ask waits at most this long (overrides settings: {@code serve --deadline}). */
        public Options withDeadline(Duration d) {
            return new Options(d, engine, clock, watchFiles, bundledPacks);
        }

        /** A fixed engine (tests): user packs and settings changes do not rebuild it. */
        public Options withEngine(PolicyEngine e) {
            return new Options(deadline, e, clock, watchFiles, bundledPacks);
        }

        /** Poll settings.json and packs/ every 2 s and rebuild the engine when they change (default on). */
        public Options withWatchFiles(boolean w) {
            return new Options(deadline, engine, clock, w, bundledPacks);
        }

        /** Where the bundled packs are (default {@link Policies#bundledPacksDir()}). */
        public Options withBundledPacks(Path dir) {
            return new Options(deadline, engine, clock, watchFiles, dir);
        }
    }

    private final DataDir dir;
    private final Options options;
    private final AuditLog audit;
    private final Broker broker;
    private final UserPackWriter userPack;
    private final Instant started;
    private final ScheduledExecutorService housekeeping;
    private final WorkspaceWatcher watcher;
    private final List<Consumer<BurstAlert>> alertListeners = new CopyOnWriteArrayList<>();
    private final Set<String> seenWorkspaces = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Settings settings;
    private volatile PolicyEngine engine;
    private volatile Correlator correlator = Correlator.NONE;
    private volatile List<String> problems = List.of();
    private volatile String filesSignature = "";

    private GuardService(DataDir dir, Options options) throws IOException, PackException {
        this.dir = dir;
        this.options = options;
        this.started = options.clock().instant();
        DataDir.ensurePrivateDir(dir.root());
        byte[] key = InstallKey.load(dir);
        Settings.Loaded loaded = Settings.load(dir);
        this.settings = loaded.settings();
        List<String> found = new ArrayList<>();
        loaded.problems().forEach(p -> found.add(p.toString()));
        this.engine = options.engine() != null ? options.engine() : buildEngine(settings, found);
        try {
            this.correlator = Correlators.standard(dir, () -> engine, options.clock(), true);
        } catch (IOException e) {
            found.add("session memory disabled: " + e.getMessage());
        }
        this.problems = List.copyOf(found);
        this.filesSignature = signature();
        this.audit = AuditLog.open(dir.database(), new SecretMasker(key));
        audit.outputLimit(settings.outputExcerptChars());
        this.userPack = new UserPackWriter(dir, this::reloadQuietly);
        ConfirmationTokens tokens = new ConfirmationTokens(InstallKey.derive(key, "interlock/confirmation-token/v1"),
                options.clock());
        this.broker = new Broker(this::deadline, () -> settings.tokenTtl(), tokens, options.clock(), userPack);
        broker.subscribe(new AnswerRecorder());
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "interlock-housekeeping");
            t.setDaemon(true);
            return t;
        });
        if (options.watchFiles() && options.engine() == null) {
            housekeeping.scheduleWithFixedDelay(this::reloadIfChanged, 2, 2, TimeUnit.SECONDS);
        }
        housekeeping.scheduleWithFixedDelay(this::applyRetention, 1, 60, TimeUnit.MINUTES);
        this.watcher = new WorkspaceWatcher(new WorkspaceWatcher.Thresholds(settings.watcherMassDeleteCount(),
                Duration.ofSeconds(settings.watcherWindowSeconds())), this::onBurst, options.clock());
    }

    /**
     * Opens the guard over a data directory.
     *
     * @throws PackException when the bundled packs do not load (a broken installation)
     * @throws IOException   when the data directory or its key cannot be used
     * @throws AuditException when the audit log cannot be opened
     */
    public static GuardService open(DataDir dir, Options options) throws IOException, PackException {
        return new GuardService(dir, options);
    }

    public static GuardService open(DataDir dir) throws IOException, PackException {
        return open(dir, Options.DEFAULT);
    }

    // ---- the pipeline ----------------------------------------------------------------------------------------

    @Override
    public Resolution decide(Action action, Origin origin) {
        return decide(action, origin, Submission.WAIT);
    }

    /**
     * The pipeline; the audit row is committed before this returns, except a plain allow when the submission lets
     * it be recorded later ({@link Submission#recordPlainAllowsLater()}).
     */
    public Resolution decide(Action action, Origin origin, Submission submission) {
        Decision decision;
        try {
            decision = engine.evaluate(action);
            decision = correlator.assess(action, origin, decision);
        } catch (RuntimeException e) {
            decision = Decision.of(List.of()).escalate(dev.interlock.policy.Severity.HIGH, Verdict.ASK,
                    "Interlock could not evaluate this action (" + e + "), so it is held for a human.");
        }
        Resolution r = resolve(action, origin, decision, submission);
        watchWorkspace(origin.workspace());
        String reply = r.reason();
        if (submission.reply() != null) {
            try {
                reply = submission.reply().apply(r);
            } catch (RuntimeException e) {
                reply = r.reason();
            }
        }
        if (submission.recordPlainAllowsLater() && plainAllow(r) && !audit.lastWriteFailed()) {
            audit.recordActionLater(action, origin, r, reply);
        } else {
            r = recordNow(action, origin, r, reply, submission);
        }
        try {
            correlator.observe(action, origin, r);
        } catch (RuntimeException e) {
            System.err.println("interlock: correlator failed: " + e);
        }
        return r;
    }

    /** Allowed by policy with nothing matched or noted: read-only, nothing a human or a rule had a say in. */
    private static boolean plainAllow(Resolution r) {
        return r.verdict() == Verdict.ALLOW && "policy".equals(r.decidedBy()) && r.decision().matches().isEmpty()
                && r.decision().notes().isEmpty();
    }

    /** Commits the action's row; when that fails, the action is denied (nothing proceeds unrecorded). */
    private Resolution recordNow(Action action, Origin origin, Resolution r, String reply, Submission submission) {
        try {
            audit.recordAction(action, origin, r, reply);
        } catch (AuditException e) {
            System.err.println("interlock: " + e.getMessage());
            if (r.verdict() != Verdict.DENY) {
                r = new Resolution(Verdict.DENY, r.decision(), "policy", r.waited(), r.approvalId(),
                        "Interlock cannot write its audit log (" + e.getMessage() + "), so it denies actions until "
                                + "this is fixed.");
                if (submission.reply() != null) {
                    try {
                        submission.reply().apply(r);
                    } catch (RuntimeException ignored) {
                        // the reason is what matters
                    }
                }
            }
        }
        return r;
    }

    private Resolution resolve(Action action, Origin origin, Decision decision, Submission submission) {
        boolean readOnly = decision.verdict() == Verdict.ALLOW && decision.matches().isEmpty();
        if (broker.frozen() && !readOnly) {
            return broker.frozenResolution(decision);
        }
        return switch (decision.verdict()) {
            case ALLOW -> new Resolution(Verdict.ALLOW, decision, "policy", Duration.ZERO, null, "");
            case DENY -> new Resolution(Verdict.DENY, decision, "policy", Duration.ZERO, null,
                    "Interlock: denied by policy — " + decision.summary());
            case ASK -> broker.hold(action, origin, decision, submission.waitForHuman(), submission.callerGone());
        };
    }

    /** Attaches an after-the-fact result (exit code, output) to its action row. */
    public long attachResult(ResultReport report) {
        return audit.attachResult(report);
    }

    /** Attaches many results in shared transactions (see {@link AuditLog#attachResults}). */
    public int attachResults(List<ResultReport> reports) {
        return audit.attachResults(reports);
    }

    /** Records answers to approvals whose callers were no longer waiting (and every timeout), for the timeline. */
    private final class AnswerRecorder implements ApprovalListener {
        @Override
        public void added(PendingApproval approval) {
        }

        @Override
        public void updated(PendingApproval approval) {
        }

        @Override
        public void resolved(PendingApproval approval, Resolution resolution) {
            if (approval.agentWaiting()) {
                return; // the waiting caller's own action row carries this answer; a second row would show it twice
            }
            try {
                audit.recordAnswer(approval, resolution);
            } catch (AuditException e) {
                System.err.println("interlock: " + e.getMessage());
            }
        }
    }

    // ---- parts -----------------------------------------------------------------------------------------------

    public ApprovalDesk desk() {
        return broker;
    }

    public Broker broker() {
        return broker;
    }

    public AuditLog audit() {
        return audit;
    }

    public Settings settings() {
        return settings;
    }

    public PolicyEngine engine() {
        return engine;
    }

    public DataDir dataDir() {
        return dir;
    }

    public Instant started() {
        return started;
    }

    /** Settings and pack problems found at the last (re)load, for status and the UI. */
    public List<String> problems() {
        return problems;
    }

    /** Plugs in the real correlator (the secrets work); {@link Correlator#NONE} until then. */
    public void setCorrelator(Correlator c) {
        correlator = c == null ? Correlator.NONE : c;
    }

    public Duration deadline() {
        return options.deadline() != null ? options.deadline() : settings.approvalDeadline();
    }

    // ---- reload ----------------------------------------------------------------------------------------------

    /**
     * Re-reads settings and packs and rebuilds the engine. A user pack that no longer loads is reported and left
     * out; when even the bundled packs fail, the previous engine stays.
     */
    public synchronized void reload() {
        Settings.Loaded loaded = Settings.load(dir);
        List<String> found = new ArrayList<>();
        loaded.problems().forEach(p -> found.add(p.toString()));
        settings = loaded.settings();
        audit.outputLimit(settings.outputExcerptChars());
        if (options.engine() == null) {
            try {
                engine = buildEngine(settings, found);
            } catch (PackException e) {
                found.add("bundled packs failed to load, keeping the previous policy: " + e.getMessage());
            }
        }
        problems = List.copyOf(found);
        filesSignature = signature();
    }

    private void reloadQuietly() {
        reload();
    }

    private void reloadIfChanged() {
        try {
            if (!signature().equals(filesSignature)) {
                reload();
            }
        } catch (RuntimeException e) {
            System.err.println("interlock: reload failed: " + e);
        }
    }

    private String signature() {
        StringBuilder sb = new StringBuilder();
        appendStamp(sb, dir.settings());
        if (Files.isDirectory(dir.packs())) {
            try (Stream<Path> s = Files.list(dir.packs())) {
                s.sorted().forEach(p -> appendStamp(sb, p));
            } catch (IOException e) {
                sb.append("?");
            }
        }
        return sb.toString();
    }

    private static void appendStamp(StringBuilder sb, Path p) {
        try {
            sb.append(p).append('@').append(Files.getLastModifiedTime(p).toMillis()).append(':').append(Files.size(p))
                    .append(';');
        } catch (IOException e) {
            sb.append(p).append("@-;");
        }
    }

    /** Bundled packs (must load) plus each user pack that loads; broken user packs become problems. */
    private PolicyEngine buildEngine(Settings s, List<String> found) throws PackException {
        Path bundled = options.bundledPacks() != null ? options.bundledPacks() : Policies.bundledPacksDir();
        List<Pack> packs = new ArrayList<>();
        if (Files.isDirectory(bundled)) {
            packs.addAll(Policies.loadDirectory(bundled));
        } else {
            found.add("no bundled policy packs at " + bundled.toAbsolutePath() + " (a broken installation?): only "
                    + "your own packs apply, and shell commands are asked about");
        }
        return Policies.engine(withUserPacks(packs, dir.packs(), found), s.disabled());
    }

    private static List<Pack> withUserPacks(List<Pack> packs, Path userDir, List<String> problems) {
        if (!Files.isDirectory(userDir)) {
            return packs;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(userDir)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            problems.add(userDir + ": cannot list user packs: " + e.getMessage());
            return packs;
        }
        for (Path f : files) {
            try {
                Pack p = Policies.loader().load(f);
                if (packs.stream().anyMatch(q -> q.name().equals(p.name()))) {
                    problems.add(f + ": a bundled pack is already named '" + p.name() + "'; this pack is not loaded");
                    continue;
                }
                packs.add(p);
            } catch (PackException e) {
                problems.add("user pack not loaded: " + e.getMessage());
            }
        }
        return packs;
    }

    private void applyRetention() {
        try {
            Settings s = settings;
            audit.prune(s.retentionDays() > 0 ? Duration.ofDays(s.retentionDays()) : null,
                    (long) s.retentionMaxMb() * 1024 * 1024);
        } catch (RuntimeException e) {
            System.err.println("interlock: retention: " + e.getMessage());
        }
    }

    // ---- workspace watcher -------------------------------------------------------------------------------------

    /** Told about mass deletes/overwrites in watched workspaces (the tray shows them and offers the kill switch). */
    public void addAlertListener(Consumer<BurstAlert> listener) {
        alertListeners.add(listener);
    }

    public void removeAlertListener(Consumer<BurstAlert> listener) {
        alertListeners.remove(listener);
    }

    /** Starts watching an agent's workspace the first time it is seen (registration runs off the caller's thread). */
    private void watchWorkspace(String workspace) {
        if (workspace == null || workspace.isBlank() || !seenWorkspaces.add(workspace)) {
            return;
        }
        Path ws;
        try {
            ws = Path.of(workspace).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return;
        }
        if (!Files.isDirectory(ws) || ws.getParent() == null
                || ws.equals(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize())) {
            return;
        }
        housekeeping.execute(() -> {
            try {
                watcher.watch(ws);
            } catch (IOException | RuntimeException e) {
                System.err.println("interlock: cannot watch " + ws + ": " + e.getMessage());
            }
        });
    }

    /** A burst is recorded in the audit log like an action the watcher saw, and announced to the listeners. */
    private void onBurst(BurstAlert alert) {
        Decision d = Decision.of(List.of(new RuleMatch("interlock", "mass-file-change", Severity.HIGH, Verdict.ASK,
                alert.describe() + ". If an agent is doing this, freeze it with the kill switch.",
                Span.of("path", alert.workspace(), 0, alert.workspace().length()), null)));
        Resolution r = new Resolution(Verdict.ALLOW, d, "watcher", Duration.ZERO, null, alert.describe());
        try {
            audit.recordAction(new FileAccess(alert.workspace(), FileAccess.Mode.DELETE),
                    new Origin("watcher", null, null, alert.workspace(), null), r, alert.describe());
        } catch (AuditException e) {
            System.err.println("interlock: " + e.getMessage());
        }
        for (Consumer<BurstAlert> l : alertListeners) {
            try {
                l.accept(alert);
            } catch (RuntimeException e) {
                System.err.println("interlock: alert listener failed: " + e);
            }
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
        housekeeping.shutdownNow();
        broker.close();
        audit.close();
    }

    /** Unused-by-default hook so callers can list the engine's disabled set (for status). */
    public Set<String> disabled() {
        return settings.disabled();
    }
}
