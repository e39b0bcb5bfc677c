package dev.interlock.policy.sql;

import dev.interlock.policy.Subject;
import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.shell.CommandSubject;
import dev.interlock.policy.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link CommandSubject}s for deriver tests from one simple command line: words split on blanks, single
 * and double quotes removed (such words are not verbatim), offsets kept.
 */
final class Commands {
    private Commands() {
    }

    static CommandSubject of(String line) {
        return of(line, null, false, List.of());
    }

    static CommandSubject of(String line, String stdinBody, boolean piped, List<String> via) {
        List<Word> words = words(line);
        String script = line;
        Word stdin = null;
        if (stdinBody != null) {
            script = line + " <<'EOF'\n" + stdinBody + "\nEOF";
            int s = line.length() + " <<'EOF'\n".length();
            stdin = new Word(stdinBody, s, s + stdinBody.length(), true, true);
        }
        return new CommandSubject(words.get(0).text(), words.get(0), words.subList(1, words.size()), Map.of(), stdin,
                piped, "/home/dev/project", via, script);
    }

    static List<Word> words(String line) {
        List<Word> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= line.length()) {
                break;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            boolean quoted = false;
            while (i < line.length() && line.charAt(i) != ' ') {
                char c = line.charAt(i);
                if (c == '\'' || c == '"') {
                    quoted = true;
                    int close = line.indexOf(c, i + 1);
                    text.append(line, i + 1, close);
                    i = close + 1;
                } else {
                    text.append(c);
                    i++;
                }
            }
            out.add(new Word(text.toString(), start, i, !quoted, true));
        }
        return out;
    }

    /** What a deriver emits for a subject. */
    static List<SqlSubject> derive(CommandSubject c) {
        List<SqlSubject> out = new ArrayList<>();
        new SqlClientDeriver().derive(c, new SubjectSink() {
            @Override
            public void add(Subject subject) {
                out.add((SqlSubject) subject);
            }

            @Override
            public void note(String step) {
            }
        });
        return out;
    }
}
