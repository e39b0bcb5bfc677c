package dev.interlock.policy.shell;

import dev.interlock.policy.Span;
import dev.interlock.policy.TextOrigin;

/**
 * One word of a simple command after quote removal, with where it sits in the original script.
 *
 * @param text     the word as the program receives it ({@code 'a b'} becomes {@code a b})
 * @param start    offset of the word in the action's {@code command} text (for words found inside a nested
 *                 string, e.g. in {@code bash -c '…'}, still the original script's coordinates)
 * @param end      end offset in the same coordinates
 * @param verbatim true when {@code text} equals the script's text at {@code [start, end)}, so offsets inside
 *                 the word map one to one (a quoted heredoc body; a bare word); false after unquoting
 * @param literal  false when the word contains an expansion the analyzer could not resolve ({@code $VAR},
 *                 {@code $(…)}, globs are still literal)
 */
public record Word(String text, int start, int end, boolean verbatim, boolean literal) {

    /** Span of the whole word in the action's {@code command} field. */
    public Span span(String script) {
        return Span.of("command", script, start, end);
    }

    /** Where text inside this word maps in the original script. */
    public TextOrigin origin(String script) {
        return new TextOrigin("command", start, end, verbatim, script);
    }
}
