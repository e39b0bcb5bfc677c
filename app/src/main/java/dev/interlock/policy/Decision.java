package dev.interlock.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the policy says about one action, before any human is asked.
 *
 * @param verdict     the strictest verdict among the matched rules ({@code allow} when none matched)
 * @param severity    the highest severity among the matched rules ({@code low} when none matched)
 * @param matches     every rule that matched, most severe first
 * @param notes       extra facts added after matching (where a credential came from, environment crossings)
 * @param environment the target's environment where known ({@code production}, {@code staging}), else {@code null}
 */
public record Decision(Verdict verdict, Severity severity, List<RuleMatch> matches, List<String> notes,
                       String environment) {

    private static final Comparator<RuleMatch> MOST_SEVERE_FIRST = Comparator
            .comparing(RuleMatch::severity).reversed()
            .thenComparing(RuleMatch::verdict, Comparator.reverseOrder());

    public Decision {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(severity, "severity");
        matches = matches.stream().sorted(MOST_SEVERE_FIRST).toList();
        notes = List.copyOf(notes);
    }

    public static Decision allow() {
        return new Decision(Verdict.ALLOW, Severity.LOW, List.of(), List.of(), null);
    }

    /** The decision that follows from a set of matches: strictest verdict, highest severity. */
    public static Decision of(List<RuleMatch> matches) {
        Verdict verdict = Verdict.ALLOW;
        Severity severity = Severity.LOW;
        for (RuleMatch m : matches) {
            verdict = verdict.stricter(m.verdict());
            severity = severity.max(m.severity());
        }
        return new Decision(verdict, severity, matches, List.of(), null);
    }

    /** The most severe match, if any. */
    public Optional<RuleMatch> primary() {
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(0));
    }

    /** The target a human must type for a critical approval, from the most severe match that names one. */
    public Optional<String> target() {
        return matches.stream().map(RuleMatch::target).filter(Objects::nonNull).findFirst();
    }

    public Decision withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new Decision(verdict, severity, matches, more, environment);
    }

    public Decision withEnvironment(String env) {
        return new Decision(verdict, severity, matches, notes, env);
    }

    /** Raise severity (never lower it) and make sure the verdict is at least {@code minimum}, with a note why. */
    public Decision escalate(Severity to, Verdict minimum, String why) {
        return new Decision(verdict.stricter(minimum), severity.max(to), matches, notes, environment).withNote(why);
    }

    /** One line for humans: "ask (critical): railway/volume-delete — Deletes a Railway volume…". */
    public String summary() {
        if (matches.isEmpty()) {
            return verdict.word() + ": no rule matched";
        }
        RuleMatch top = matches.get(0);
        String more = matches.size() > 1 ? " (+" + (matches.size() - 1) + " more)" : "";
        return verdict.word() + " (" + severity.word() + "): " + top.qualifiedId() + " — " + top.explain() + more;
    }
}
