package dev.interlock.ui.prompt;

import dev.interlock.action.Action;
import dev.interlock.action.FileAccess;
import dev.interlock.action.HttpCall;
import dev.interlock.action.McpCall;
import dev.interlock.action.ShellCommand;
import dev.interlock.action.Origin;
import dev.interlock.policy.Decision;
import dev.interlock.policy.RuleMatch;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The one plain-language sentence at the top of the pop-up: "claude-code wants to delete Railway volume 3f6c… in
 * production". Built from the most severe rule's explanation when it starts with a verb ("Deletes a Railway
 * volume, …"), else from the action itself ("run `terraform destroy`").
 */
public final class Headline {
    private static final int MAX_TARGET = 12;
    private static final int MAX_COMMAND = 60;

    private Headline() {
    }

    public static String of(Action action, Origin origin, Decision decision) {
        String what = fromRule(decision).orElseGet(() -> fromAction(action));
        StringBuilder sb = new StringBuilder(SafeText.oneLine(origin.agent())).append(" wants to ").append(what);
        if (decision.environment() != null && !decision.environment().isBlank()) {
            sb.append(" in ").append(SafeText.oneLine(decision.environment()));
        }
        return sb.toString();
    }

    /** The sentence without its subject: "delete Railway volume 3f6c…". */
    public static String what(Action action, Decision decision) {
        return fromRule(decision).orElseGet(() -> fromAction(action));
    }

    static Optional<String> fromRule(Decision decision) {
        Optional<RuleMatch> top = decision.primary();
        if (top.isEmpty()) {
            return Optional.empty();
        }
        String explain = top.get().explain().trim();
        int cut = indexOfAny(explain, ",.;:(—");
        String clause = (cut > 0 ? explain.substring(0, cut) : explain).trim();
        String[] words = clause.split("\\s+", 2);
        if (words.length < 2) {
            return Optional.empty();
        }
        Optional<String> verb = baseForm(words[0]);
        if (verb.isEmpty()) {
            return Optional.empty();
        }
        String object = words[1].replaceFirst("^(?i)(a|an|the|one)\\s+", "");
        String target = decision.target().orElse(null);
        if (target != null && !target.isBlank()) {
            object = object + " " + shortTarget(SafeText.oneLine(target));
        }
        return Optional.of(verb.get() + " " + object);
    }

    /** "Deletes" → "delete", "Force-pushes" → "force-push", "Destroys" → "destroy"; not a verb → empty. */
    static Optional<String> baseForm(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (!w.matches("[a-z-]+s")) {
            return Optional.empty();
        }
        if (w.matches(".*(sses|shes|ches|xes|zzes)")) {
            return Optional.of(w.substring(0, w.length() - 2));
        }
        if (w.endsWith("ies") && w.length() > 4) {
            return Optional.of(w.substring(0, w.length() - 3) + "y");
        }
        if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")) {
            return Optional.empty();
        }
        return Optional.of(w.substring(0, w.length() - 1));
    }

    static String shortTarget(String target) {
        return target.length() > MAX_TARGET ? target.substring(0, 4) + "…" : target;
    }

    static String fromAction(Action action) {
        if (action instanceof ShellCommand c) {
            return "run `" + elide(SafeText.oneLine(c.script())) + "`";
        }
        if (action instanceof HttpCall h) {
            String host;
            String path;
            try {
                URI u = URI.create(h.url());
                host = u.getHost();
                path = u.getRawPath();
            } catch (IllegalArgumentException e) {
                host = h.url();
                path = "";
            }
            return "send " + h.method() + " " + elide(SafeText.oneLine(String.valueOf(path))) + " to "
                    + SafeText.oneLine(String.valueOf(host));
        }
        if (action instanceof FileAccess f) {
            return f.mode().word() + " " + elide(SafeText.oneLine(f.path()));
        }
        if (action instanceof McpCall m) {
            return "call " + SafeText.oneLine(m.tool()) + " on MCP server " + SafeText.oneLine(m.server());
        }
        return "act";
    }

    private static String elide(String s) {
        return s.length() > MAX_COMMAND ? s.substring(0, MAX_COMMAND - 1) + "…" : s;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
