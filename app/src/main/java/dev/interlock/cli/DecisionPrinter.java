package dev.interlock.cli;

import dev.interlock.action.Action;
import dev.interlock.action.HttpCall;
import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Decision;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Span;
import java.io.PrintStream;

/** Human-readable decisions for the terminal, with the matched span underlined (and coloured on a TTY). */
final class DecisionPrinter {
    private final PrintStream out;
    private final boolean color;

    DecisionPrinter(PrintStream out, boolean color) {
        this.out = out;
        this.color = color;
    }

    static boolean wantsColor() {
        return System.console() != null && System.getenv("NO_COLOR") == null;
    }

    void print(Action action, Decision d) {
        String verdict = d.verdict().word().toUpperCase(java.util.Locale.ROOT);
        String head = switch (d.verdict()) {
            case ALLOW -> paint("32;1", verdict);
            case ASK -> paint("33;1", verdict);
            case DENY -> paint("31;1", verdict);
        };
        out.println(head + "  severity " + paint(severityColor(d), d.severity().word()));
        if (d.environment() != null) {
            out.println("  environment: " + d.environment());
        }
        if (d.matches().isEmpty()) {
            out.println("  no rule matched: " + action.summary());
        }
        for (RuleMatch m : d.matches()) {
            out.println();
            out.println("  " + paint("1", m.qualifiedId()) + "  [" + m.severity().word() + ", " + m.verdict().word() + "]");
            out.println("    " + m.explain());
            if (m.target() != null) {
                out.println("    target: " + m.target());
            }
            printSpan(action, m.span());
        }
        for (String note : d.notes()) {
            out.println("  note: " + note);
        }
    }

    private void printSpan(Action action, Span span) {
        String text = fieldText(action, span.field());
        if (text == null) {
            out.println("    matched " + span.field() + ": " + Safe.visible(span.text()));
            return;
        }
        int lineStart = text.lastIndexOf('\n', Math.max(0, span.start() - 1)) + 1;
        if (span.start() == 0) {
            lineStart = 0;
        }
        int lineEnd = text.indexOf('\n', span.start());
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        int end = Math.min(span.end(), lineEnd);
        String before = Safe.visible(text.substring(lineStart, span.start()));
        String hit = Safe.visible(text.substring(span.start(), Math.max(span.start(), end)));
        String after = Safe.visible(text.substring(Math.max(span.start(), end), lineEnd));
        String label = "    " + span.field() + ": ";
        if (color) {
            out.println(label + before + paint("41;97", hit) + after + (span.end() > lineEnd ? " …" : ""));
        } else {
            out.println(label + before + hit + after + (span.end() > lineEnd ? " …" : ""));
            out.println(" ".repeat(label.length() + before.length()) + "^".repeat(Math.max(1, hit.length())));
        }
    }

    private static String fieldText(Action action, String field) {
        if (action instanceof ShellCommand c && field.equals("command")) {
            return c.script();
        }
        if (action instanceof HttpCall h) {
            if (field.equals("url")) {
                return h.url();
            }
            if (field.equals("body")) {
                return h.body();
            }
            if (field.startsWith("header:")) {
                return h.header(field.substring(7)).orElse(null);
            }
        }
        return null;
    }

    private static String severityColor(Decision d) {
        return switch (d.severity()) {
            case LOW -> "37";
            case MEDIUM -> "33";
            case HIGH -> "31";
            case CRITICAL -> "97;41;1";
        };
    }

    private String paint(String code, String text) {
        return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
