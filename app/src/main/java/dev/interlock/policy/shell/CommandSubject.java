package dev.interlock.policy.shell;

import dev.interlock.policy.Span;
import dev.interlock.policy.Subject;
import java.util.List;
import java.util.Map;

/**
 * One simple command found in a shell script, after unwrapping ({@code sudo}, {@code env}, {@code bash -c}, …).
 *
 * @param program     normalised program name: basename, escapes and quotes removed ({@code /usr/bin/rm},
 *                    {@code \rm} and {@code r''m} are all {@code rm})
 * @param programWord the word that named the program
 * @param args        the arguments after the program, in order
 * @param assignments {@code VAR=value} prefixes and {@code env VAR=value} settings in effect for this command
 * @param stdin       text fed to the command's standard input by a heredoc or here-string, if any
 * @param pipedInput  true when the command's standard input comes from a pipe
 * @param cwd         working directory (the action's, or changed by a preceding {@code cd} where known)
 * @param via         the unwrapping chain that led here, outermost first, e.g. {@code ["sudo", "bash -c"]}
 * @param script      the action's whole command text (spans refer to it)
 */
public record CommandSubject(String program, Word programWord, List<Word> args, Map<String, String> assignments,
                             Word stdin, boolean pipedInput, String cwd, List<String> via, String script)
        implements Subject {
    public static final String TYPE = "shell";

    public CommandSubject {
        args = List.copyOf(args);
        assignments = Map.copyOf(assignments);
        via = List.copyOf(via);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> indexKeys() {
        return List.of(program);
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (String v : via) {
            sb.append(v).append(" → ");
        }
        sb.append(program);
        for (Word w : args) {
            sb.append(' ').append(w.text());
        }
        return sb.toString();
    }

    /** Span from the program word to the last argument. */
    public Span span() {
        int end = args.isEmpty() ? programWord.end() : Math.max(programWord.end(), args.get(args.size() - 1).end());
        return Span.of("command", script, Math.min(programWord.start(), end), end);
    }
}
