package dev.interlock.correlate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlock.action.Action;
import dev.interlock.action.FileAccess;
import dev.interlock.action.HttpCall;
import dev.interlock.action.McpCall;
import dev.interlock.action.Origin;
import dev.interlock.action.ShellCommand;
import dev.interlock.broker.Resolution;
import dev.interlock.policy.Decision;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.Severity;
import dev.interlock.policy.Subject;
import dev.interlock.policy.Verdict;
import dev.interlock.policy.file.FileSubject;
import dev.interlock.secrets.Finding;
import dev.interlock.secrets.SecretFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The per-session memory of ARCHITECTURE.md §1: which secrets each agent session has read and where, and which
 * environments it has touched. It connects the two halves of the incident: the read of a token in an unrelated
 * file, and its use seconds later in a destructive call.
 */
public final class SessionMemory implements Correlator {
    private static final int MAX_FILE_BYTES = 1024 * 1024;
    private static final int MAX_SECRETS_PER_SESSION = 10_000;
    private static final Duration SESSION_IDLE = Duration.ofHours(24);
    /** How long a decision waits for the session's file scans still running (see {@link #awaitScans}). */
    private static final Duration SCAN_WAIT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Options(boolean askOnSecretFileOutsideWorkspace) {
        public static Options defaults() {
            return new Options(true);
        }
    }

    private static final class Session {
        final String agent;
        final Map<String, SecretSighting> secrets = new ConcurrentHashMap<>();
        final Set<String> environments = ConcurrentHashMap.newKeySet();
        /** The tail of this session's file scans, which run off the hook's reply path in order. */
        volatile CompletableFuture<Void> scans = CompletableFuture.completedFuture(null);
        volatile Instant lastSeen;

        Session(String agent) {
            this.agent = agent;
        }
    }

    private final Supplier<PolicyEngine> engine;
    private final SecretFinder finder;
    private final EnvironmentBook environments;
    private final AllowedCredentials allowed;
    private final Clock clock;
    private final Options options;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ScanCache cache = new ScanCache(512);
    private final Executor scanner;
    private final Duration scanWait;

    public SessionMemory(Supplier<PolicyEngine> engine, SecretFinder finder, EnvironmentBook environments,
                         AllowedCredentials allowed, Clock clock, Options options) {
        this(engine, finder, environments, allowed, clock, options, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "interlock-secret-scan");
            t.setDaemon(true);
            return t;
        }), SCAN_WAIT);
    }

    /** {@code scanner} reads and scans the files a session read; decisions of that session wait for it. */
    SessionMemory(Supplier<PolicyEngine> engine, SecretFinder finder, EnvironmentBook environments,
                  AllowedCredentials allowed, Clock clock, Options options, Executor scanner, Duration scanWait) {
        this.scanner = scanner;
        this.scanWait = scanWait;
        this.engine = engine;
        this.finder = finder;
        this.environments = environments;
        this.allowed = allowed;
        this.clock = clock;
        this.options = options;
    }

    public EnvironmentBook environments() {
        return environments;
    }

    /** What a session remembers (for the UI and tests). */
    public List<SecretSighting> sightings(Origin origin) {
        Session s = sessions.get(key(origin));
        if (s == null) {
            return List.of();
        }
        awaitScans(List.of(s));
        return List.copyOf(s.secrets.values());
    }

    // ---------------------------------------------------------------- assess

    @Override
    public Decision assess(Action action, Origin origin, Decision decision) {
        Decision d = decision;
        List<String> tokens = Tokens.of(textOf(action));
        Session session = sessions.get(key(origin));

        Optional<String> env = environments.environmentOf(tokens);
        if (env.isPresent() && d.environment() == null) {
            d = d.withEnvironment(env.get());
        }
        boolean destructive = d.verdict() != Verdict.ALLOW;
        if (destructive && EnvironmentBook.PRODUCTION.equals(d.environment())) {
            d = d.escalate(Severity.HIGH, Verdict.ASK, "targets production");
            if (session != null && !session.environments.isEmpty()
                    && !session.environments.contains(EnvironmentBook.PRODUCTION)) {
                d = d.withNote("task in " + String.join("/", session.environments)
                        + ", side effect in production: this session has not touched production before");
            }
        }
        // A sensor that cannot name the session (the proxy, a plain script) is matched against every session: the
        // token still came from somewhere an agent read it.
        List<Session> pool = origin.sessionId() != null
                ? (session == null ? List.of() : List.of(session))
                : List.copyOf(sessions.values());
        if (!awaitScans(pool) && destructive) {
            d = d.escalate(Severity.HIGH, Verdict.ASK, "Interlock was still reading the files this session read, "
                    + "so it cannot tell where its credentials came from");
        }
        if (pool.stream().anyMatch(x -> !x.secrets.isEmpty())) {
            d = provenance(d, tokens, pool, origin, destructive);
        }
        if (options.askOnSecretFileOutsideWorkspace()) {
            d = secretFilesOutsideWorkspace(action, origin, d);
        }
        return d;
    }

    private Decision provenance(Decision d, List<String> tokens, List<Session> pool, Origin origin,
                                boolean destructive) {
        Set<String> done = new LinkedHashSet<>();
        for (String t : tokens) {
            if (t.length() < 12) {
                continue;
            }
            String fp = finder.fingerprints().of(t);
            SecretSighting s = null;
            Session from = null;
            for (Session candidate : pool) {
                s = candidate.secrets.get(fp);
                if (s != null) {
                    from = candidate;
                    break;
                }
            }
            if (s == null || !done.add(fp)) {
                continue;
            }
            String ago = ago(Duration.between(s.seen(), clock.instant()));
            String who = from.agent.equals(origin.agent()) ? "it" : from.agent;
            String note = "uses " + s.what() + " " + who + " read from " + s.file() + (s.line() > 0 ? ":" + s.line() : "")
                    + " " + ago + " ago";
            Optional<String> label = allowed.allowed(origin.workspace(), fp);
            if (label.isPresent()) {
                d = d.withNote(note + " (allowed credential '" + label.get() + "')");
            } else if (destructive) {
                d = d.escalate(Severity.CRITICAL, Verdict.ASK, note
                        + (s.insideWorkspace() ? "" : ", outside the task's workspace")
                        + "; it is not one of this workspace's allowed credentials");
            } else {
                d = d.withNote(note);
            }
        }
        return d;
    }

    private Decision secretFilesOutsideWorkspace(Action action, Origin origin, Decision d) {
        if (origin.workspace() == null) {
            return d;
        }
        for (Path file : filesRead(action, origin)) {
            if (finder.isSecretFile(file) && !file.startsWith(Path.of(origin.workspace()))) {
                d = d.escalate(Severity.MEDIUM, Verdict.ASK, "reads " + file
                        + ", a credential file outside the task's workspace " + origin.workspace());
            }
        }
        return d;
    }

    // ---------------------------------------------------------------- observe

    @Override
    public void observe(Action action, Origin origin, Resolution resolution) {
        if (!resolution.allowed()) {
            return;
        }
        Session session = sessions.computeIfAbsent(key(origin), k -> new Session(origin.agent()));
        session.lastSeen = clock.instant();
        environments.environmentOf(Tokens.of(textOf(action))).ifPresent(session.environments::add);
        // An HTTP request reads no local file; sparing it the engine's subject pass keeps the proxy's path short.
        List<Path> files = action instanceof HttpCall ? List.of() : filesRead(action, origin);
        if (!files.isEmpty()) {
            Instant seen = clock.instant();
            // Reading and scanning a file costs milliseconds the agent would wait for; it runs after the reply, and
            // the session's next decision waits for it (awaitScans), so no later action can outrun it.
            synchronized (session) {
                session.scans = session.scans.thenRunAsync(() -> {
                    for (Path file : files) {
                        remember(session, file, origin, seen);
                    }
                }, scanner).exceptionally(e -> {
                    System.err.println("interlock: scanning what " + origin.agent() + " read failed: " + e);
                    return null;
                });
            }
        }
        expireIdle();
    }

    /** Waits for the pool's pending file scans; false when one is still running after {@link #scanWait}. */
    private boolean awaitScans(List<Session> pool) {
        long deadline = System.nanoTime() + scanWait.toNanos();
        for (Session s : pool) {
            try {
                s.scans.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                // logged where it failed; what was remembered before stands
            }
        }
        return true;
    }

    @Override
    public void observeResponse(HttpCall request, int status, String body, Origin origin) {
        if (status < 200 || status >= 300 || body == null || body.isEmpty()) {
            return;
        }
        try {
            environments.learnFromJson(JSON.readTree(body));
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON: nothing to learn
        }
    }

    private void remember(Session session, Path file, Origin origin, Instant seen) {
        if (session.secrets.size() >= MAX_SECRETS_PER_SESSION) {
            return;
        }
        List<Finding> found = cache.findings(file, path -> {
            String text = readBounded(path);
            return text == null ? List.of() : finder.find(text, path.getFileName().toString());
        });
        boolean inside = origin.workspace() != null && file.startsWith(Path.of(origin.workspace()));
        String shown = inside ? Path.of(origin.workspace()).relativize(file).toString() : file.toString();
        for (Finding f : found) {
            session.secrets.putIfAbsent(f.fingerprint(), new SecretSighting(f.fingerprint(), f.detector().provider(),
                    f.detector().kind(), shown, f.line(), seen, inside));
        }
    }

    /**
     * Files an action reads: a Read tool's path, or the file arguments of cat/grep/jq/cp/source… — as the engine
     * sees them ({@code FileSubject}s from the file analyzer and the shell file deriver).
     */
    List<Path> filesRead(Action action, Origin origin) {
        List<Path> out = new ArrayList<>();
        Action located = action;
        if (action instanceof FileAccess f && f.cwd() == null && origin.workspace() != null) {
            located = new FileAccess(f.path(), f.mode(), origin.workspace(), f.content());
        } else if (action instanceof ShellCommand c && c.cwd() == null && origin.workspace() != null) {
            located = new ShellCommand(c.script(), origin.workspace(), c.env());
        }
        for (Subject s : engine.get().subjects(located)) {
            if (s instanceof FileSubject f && f.mode() == FileAccess.Mode.READ) {
                Path p = Path.of(f.resolved());
                if (!out.contains(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    static String textOf(Action action) {
        if (action instanceof ShellCommand c) {
            StringBuilder sb = new StringBuilder(c.script());
            c.env().values().forEach(v -> sb.append(' ').append(v));
            return sb.toString();
        }
        if (action instanceof HttpCall h) {
            StringBuilder sb = new StringBuilder(h.url());
            h.headers().values().forEach(vs -> vs.forEach(v -> sb.append(' ').append(v)));
            return sb.append(' ').append(h.body()).toString();
        }
        if (action instanceof FileAccess f) {
            return f.path() + (f.content() == null ? "" : " " + f.content());
        }
        McpCall m = (McpCall) action;
        return m.server() + " " + m.tool() + " " + m.argumentsJson();
    }

    private static String readBounded(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
                if (bytes[i] == 0) {
                    return null;
                }
            }
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        return (s / 3600) + " h";
    }

    private static String key(Origin o) {
        return o.agent() + "\u0000" + (o.sessionId() == null ? "" : o.sessionId());
    }

    private void expireIdle() {
        Instant cutoff = clock.instant().minus(SESSION_IDLE);
        sessions.values().removeIf(s -> s.lastSeen != null && s.lastSeen.isBefore(cutoff));
    }
}
