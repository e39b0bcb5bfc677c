package dev.interlock.policy;

import dev.interlock.action.Action;
import dev.interlock.action.FileAccess;
import dev.interlock.action.HttpCall;
import dev.interlock.action.McpCall;
import dev.interlock.action.ShellCommand;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The policy: packs compiled into an index, evaluated against actions. Thread-safe and immutable; build a new
 * engine when packs change.
 *
 * <p>Evaluation: analyzers turn the action into subjects, derivers find nested subjects (the HTTP call inside a
 * {@code curl}, the SQL inside {@code psql -c}), each subject meets only the rules indexed under its keys,
 * and the strictest verdict wins. A rule with verdict {@code allow} is an exception: on the same subject it
 * silences {@code ask} matches below critical (never a {@code deny}). Anything that goes wrong during analysis
 * fails closed: the action is asked about.
 */
public final class PolicyEngine {
    /** Upper bound on subjects analysed for one action; beyond it the action is "too complex". */
    public static final int MAX_SUBJECTS = 20_000;
    private static final int MAX_DERIVE_DEPTH = 6;

    private final List<Pack> packs;
    private final List<Analyzer> analyzers;
    private final Map<String, List<Deriver>> derivers;
    private final Map<String, TypeIndex> index = new HashMap<>();

    private static final class TypeIndex {
        final Map<String, List<Rule>> byKey = new HashMap<>();
        final List<Rule> unindexed = new ArrayList<>();
    }

    public PolicyEngine(List<Pack> packs, List<Analyzer> analyzers, List<Deriver> derivers, Set<String> disabled) {
        this.packs = List.copyOf(packs);
        this.analyzers = List.copyOf(analyzers);
        Map<String, List<Deriver>> d = new HashMap<>();
        for (Deriver x : derivers) {
            d.computeIfAbsent(x.subjectType(), k -> new ArrayList<>()).add(x);
        }
        this.derivers = d;
        for (Pack p : packs) {
            if (disabled.contains(p.name()) && !p.locked()) {
                continue;
            }
            for (Rule r : p.rules()) {
                if (disabled.contains(r.qualifiedId()) && !p.locked()) {
                    continue;
                }
                for (Matcher m : r.when()) {
                    TypeIndex ti = index.computeIfAbsent(m.subjectType(), k -> new TypeIndex());
                    if (m.indexKeys().isEmpty()) {
                        addOnce(ti.unindexed, r);
                    } else {
                        for (String key : m.indexKeys()) {
                            addOnce(ti.byKey.computeIfAbsent(key, k -> new ArrayList<>()), r);
                        }
                    }
                }
            }
        }
    }

    private static void addOnce(List<Rule> list, Rule r) {
        if (!list.contains(r)) {
            list.add(r);
        }
    }

    public List<Pack> packs() {
        return packs;
    }

    public Optional<Pack> pack(String name) {
        return packs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Hosts any loaded pack wants the proxy to decrypt. */
    public Set<String> inspectHosts() {
        Set<String> out = new LinkedHashSet<>();
        packs.forEach(p -> out.addAll(p.inspectHosts()));
        return out;
    }

    public Decision evaluate(Action action) {
        return run(action, null);
    }

    public Explanation explain(Action action) {
        List<Explanation.SubjectTrace> traces = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        Decision d = run(action, new Tracer(traces, steps));
        return new Explanation(traces, steps, d);
    }

    /** Which rules of this engine a subject could meet (its index lookup), for tests and explain. */
    public List<Rule> candidates(Subject subject) {
        TypeIndex ti = index.get(subject.type());
        if (ti == null) {
            return List.of();
        }
        LinkedHashSet<Rule> out = new LinkedHashSet<>();
        for (String key : subject.indexKeys()) {
            List<Rule> rules = ti.byKey.get(key);
            if (rules != null) {
                out.addAll(rules);
            }
        }
        out.addAll(ti.unindexed);
        return new ArrayList<>(out);
    }

    /** Every subject the engine finds in an action (for sensors that need the parse, e.g. which files a command reads). */
    public List<Subject> subjects(Action action) {
        try {
            return collect(action, null).subjects;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The hits of one rule on an action, ignoring every other rule (used to run a rule's own examples). */
    public List<RuleMatch> matchesOf(Rule rule, Action action) {
        List<RuleMatch> out = new ArrayList<>();
        for (Subject s : collect(action, null).subjects) {
            rule.match(s).ifPresent(out::add);
        }
        return out;
    }

    private record Tracer(List<Explanation.SubjectTrace> traces, List<String> steps) {
    }

    private Decision run(Action action, Tracer tracer) {
        List<RuleMatch> matches = new ArrayList<>();
        try {
            Collected collected = collect(action, tracer);
            for (Subject s : collected.subjects) {
                List<Rule> rules = candidates(s);
                List<RuleMatch> own = new ArrayList<>();
                for (Rule r : rules) {
                    r.match(s).ifPresent(own::add);
                }
                List<RuleMatch> kept = s.complete() ? applyExceptions(own) : own;
                if (tracer != null) {
                    tracer.traces.add(new Explanation.SubjectTrace(s.type(), s.describe(),
                            rules.stream().map(Rule::qualifiedId).toList(),
                            kept.stream().map(m -> m.qualifiedId() + " (" + m.verdict().word() + ")").toList()));
                }
                matches.addAll(kept);
            }
            if (collected.overflow) {
                matches.add(engineRule("too-complex", Severity.HIGH,
                        "This action is too large or too deeply nested to analyse completely, so it is held for a human.",
                        wholeSpan(action)));
            }
        } catch (RuntimeException | StackOverflowError e) {
            matches.add(engineRule("analysis-failed", Severity.HIGH,
                    "Interlock could not analyse this action (" + e.getClass().getSimpleName()
                            + "), so it is held for a human instead of being allowed.", wholeSpan(action)));
        }
        return Decision.of(dedupe(matches));
    }

    private record Collected(List<Subject> subjects, boolean overflow) {
    }

    private Collected collect(Action action, Tracer tracer) {
        List<Subject> subjects = new ArrayList<>();
        boolean[] overflow = {false};
        Deque<Subject> fresh = new ArrayDeque<>();
        SubjectSink sink = new SubjectSink() {
            @Override
            public void add(Subject subject) {
                if (subjects.size() >= MAX_SUBJECTS) {
                    overflow[0] = true;
                    return;
                }
                subjects.add(subject);
                fresh.add(subject);
            }

            @Override
            public void note(String step) {
                if (tracer != null) {
                    tracer.steps.add(step);
                }
            }
        };
        boolean analysed = false;
        for (Analyzer a : analyzers) {
            if (a.accepts(action)) {
                a.analyze(action, sink);
                analysed = true;
            }
        }
        if (!analysed) {
            throw new IllegalStateException("no analyzer for " + action.kind() + " actions");
        }
        for (int depth = 0; depth < MAX_DERIVE_DEPTH && !fresh.isEmpty(); depth++) {
            List<Subject> round = new ArrayList<>(fresh);
            fresh.clear();
            for (Subject s : round) {
                for (Deriver d : derivers.getOrDefault(s.type(), List.of())) {
                    d.derive(s, sink);
                }
            }
        }
        if (!fresh.isEmpty()) {
            overflow[0] = true;
        }
        return new Collected(subjects, overflow[0]);
    }

    /** An {@code allow} match on a subject silences that subject's {@code ask} matches below critical. */
    private static List<RuleMatch> applyExceptions(List<RuleMatch> own) {
        boolean excepted = own.stream().anyMatch(m -> m.verdict() == Verdict.ALLOW);
        if (!excepted) {
            return own;
        }
        List<RuleMatch> kept = new ArrayList<>();
        for (RuleMatch m : own) {
            boolean silenced = m.verdict() == Verdict.ASK && m.severity() != Severity.CRITICAL;
            if (!silenced) {
                kept.add(m);
            }
        }
        return kept;
    }

    private static List<RuleMatch> dedupe(List<RuleMatch> matches) {
        Map<String, RuleMatch> seen = new LinkedHashMap<>();
        for (RuleMatch m : matches) {
            String key = m.qualifiedId() + "@" + m.span().field() + ":" + m.span().start() + "-" + m.span().end();
            seen.putIfAbsent(key, m);
        }
        return new ArrayList<>(seen.values());
    }

    private static RuleMatch engineRule(String id, Severity severity, String explain, Span span) {
        return new RuleMatch("interlock", id, severity, Verdict.ASK, explain, span, null);
    }

    static Span wholeSpan(Action action) {
        if (action instanceof ShellCommand c) {
            return Span.of("command", c.script(), 0, c.script().length());
        }
        if (action instanceof HttpCall h) {
            return Span.of("url", h.url(), 0, h.url().length());
        }
        if (action instanceof FileAccess f) {
            return Span.of("path", f.path(), 0, f.path().length());
        }
        McpCall m = (McpCall) action;
        return Span.of("arguments", m.argumentsJson(), 0, m.argumentsJson().length());
    }
}
