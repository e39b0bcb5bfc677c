package dev.interlock.policy.http;

import dev.interlock.action.Action;
import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Analyzer;
import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.shell.CommandSubject;
import dev.interlock.policy.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test stand-in for the shell analyser: one simple command, split into words with single and double quotes
 * removed (offsets kept). Used until the real tree-sitter analyser is merged; it is not a shell parser.
 */
final class SimpleShell implements Analyzer {

    @Override
    public boolean accepts(Action action) {
        return action instanceof ShellCommand;
    }

    @Override
    public void analyze(Action action, SubjectSink sink) {
        ShellCommand c = (ShellCommand) action;
        sink.add(command(c.script(), c.cwd()));
    }

    static CommandSubject command(String script) {
        return command(script, "/home/dev/project");
    }

    static CommandSubject command(String script, String cwd) {
        List<Word> words = words(script);
        Word program = words.get(0);
        String name = program.text().substring(program.text().lastIndexOf('/') + 1);
        return new CommandSubject(name, program, words.subList(1, words.size()), Map.of(), null, false, cwd,
                List.of(), script);
    }

    static List<Word> words(String s) {
        List<Word> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            boolean quoted = false;
            boolean literal = true;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                char ch = s.charAt(i);
                if (ch == '\'') {
                    quoted = true;
                    int end = s.indexOf('\'', i + 1);
                    text.append(s, i + 1, end);
                    i = end + 1;
                } else if (ch == '"') {
                    quoted = true;
                    i++;
                    while (s.charAt(i) != '"') {
                        if (s.charAt(i) == '\\' && "\"\\$`".indexOf(s.charAt(i + 1)) >= 0) {
                            i++;
                        }
                        literal &= s.charAt(i) != '$';
                        text.append(s.charAt(i++));
                    }
                    i++;
                } else if (ch == '\\' && i + 1 < s.length()) {
                    quoted = true;
                    text.append(s.charAt(i + 1));
                    i += 2;
                } else {
                    literal &= ch != '$';
                    text.append(ch);
                    i++;
                }
            }
            String t = text.toString();
            out.add(new Word(t, start, i, !quoted, literal));
        }
        return out;
    }
}
