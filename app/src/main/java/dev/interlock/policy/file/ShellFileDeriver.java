package dev.interlock.policy.file;

import dev.interlock.action.FileAccess;
import dev.interlock.policy.Deriver;
import dev.interlock.policy.Subject;
import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.shell.CommandSubject;
import dev.interlock.policy.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files a shell command reads, writes or deletes, as {@link FileSubject}s, so that {@code file:} rules
 * (credential files, Interlock's own files) hold whichever way the agent touches a file: its Read tool or
 * {@code cat}, its Write tool or {@code cp}/{@code tee}, {@code rm}.
 */
public final class ShellFileDeriver implements Deriver {
    private static final Set<String> READERS = Set.of("cat", "less", "more", "head", "tail", "bat", "batcat",
            "strings", "xxd", "hexdump", "od", "base64", "nl", "tac", "sort", "uniq", "cut", "wc", "diff", "cmp",
            "md5sum", "sha256sum", "sha1sum", "file", "source", ".", "openssl", "gpg", "scp", "rsync", "zip", "tar");
    /** Readers whose first positional argument is a pattern or program, not a file. */
    private static final Set<String> PATTERN_FIRST = Set.of("grep", "egrep", "fgrep", "rg", "ag", "jq", "yq", "awk",
            "gawk", "sed");
    private static final Set<String> EDITORS = Set.of("vi", "vim", "nvim", "nano", "emacs", "code", "chmod", "chown",
            "chgrp", "chattr", "setfacl", "touch");
    private static final Set<String> DELETERS = Set.of("rm", "unlink", "shred", "rmdir", "srm");
    private static final Set<String> WRITERS = Set.of("tee", "truncate", "dd");
    /** Flags that take a value, so the value is not mistaken for a file. */
    private static final Map<String, Set<String>> VALUE_FLAGS = Map.of(
            "head", Set.of("-n", "-c"), "tail", Set.of("-n", "-c"), "grep", Set.of("-e", "-f", "-m", "-A", "-B", "-C"),
            "rg", Set.of("-e", "-g", "-t", "-m", "-A", "-B", "-C"), "cut", Set.of("-d", "-f", "-c"),
            "truncate", Set.of("-s"), "sort", Set.of("-k", "-t", "-o"), "openssl", Set.of("-in", "-out", "-inkey"),
            "jq", Set.of("--arg", "--argjson"), "tar", Set.of("-f", "-C"));

    @Override
    public String subjectType() {
        return CommandSubject.TYPE;
    }

    @Override
    public void derive(Subject subject, SubjectSink sink) {
        CommandSubject c = (CommandSubject) subject;
        String p = c.program();
        List<Word> files = positional(c);
        if (READERS.contains(p)) {
            files.forEach(w -> emit(c, w, FileAccess.Mode.READ, sink));
        } else if (PATTERN_FIRST.contains(p)) {
            boolean patternGiven = c.args().stream().anyMatch(w -> w.text().equals("-e") || w.text().equals("-f"));
            boolean inPlace = (p.equals("sed") || p.equals("perl")) && c.args().stream().anyMatch(w -> w.text().startsWith("-i"));
            files.stream().skip(patternGiven ? 0 : 1)
                    .forEach(w -> emit(c, w, inPlace ? FileAccess.Mode.EDIT : FileAccess.Mode.READ, sink));
        } else if (DELETERS.contains(p)) {
            files.forEach(w -> emit(c, w, FileAccess.Mode.DELETE, sink));
        } else if (EDITORS.contains(p)) {
            int skip = (p.startsWith("ch") || p.equals("setfacl")) ? 1 : 0;
            files.stream().skip(skip).forEach(w -> emit(c, w, FileAccess.Mode.EDIT, sink));
        } else if (WRITERS.contains(p)) {
            if (p.equals("dd")) {
                c.args().stream().filter(w -> w.text().startsWith("of=")).forEach(w -> emit(c,
                        new Word(w.text().substring(3), w.start(), w.end(), false, w.literal()), FileAccess.Mode.WRITE, sink));
                c.args().stream().filter(w -> w.text().startsWith("if=")).forEach(w -> emit(c,
                        new Word(w.text().substring(3), w.start(), w.end(), false, w.literal()), FileAccess.Mode.READ, sink));
            } else {
                files.forEach(w -> emit(c, w, FileAccess.Mode.WRITE, sink));
            }
        } else if (p.equals("cp") || p.equals("mv") || p.equals("install") || p.equals("ln")) {
            if (files.size() >= 2) {
                FileAccess.Mode source = p.equals("mv") ? FileAccess.Mode.DELETE : FileAccess.Mode.READ;
                files.subList(0, files.size() - 1).forEach(w -> emit(c, w, source, sink));
                emit(c, files.get(files.size() - 1), FileAccess.Mode.WRITE, sink);
            }
        }
    }

    private static List<Word> positional(CommandSubject c) {
        Set<String> valueFlags = VALUE_FLAGS.getOrDefault(c.program(), Set.of());
        List<Word> out = new ArrayList<>();
        boolean skipNext = false;
        boolean endOfFlags = false;
        for (Word w : c.args()) {
            String t = w.text();
            if (skipNext) {
                skipNext = false;
                continue;
            }
            if (!endOfFlags && t.equals("--")) {
                endOfFlags = true;
                continue;
            }
            if (!endOfFlags && t.startsWith("-") && t.length() > 1) {
                skipNext = valueFlags.contains(t);
                continue;
            }
            if (!t.isEmpty() && w.literal()) {
                out.add(w);
            }
        }
        return out;
    }

    private static void emit(CommandSubject c, Word w, FileAccess.Mode mode, SubjectSink sink) {
        sink.add(new FileSubject(w.text(), PathResolver.resolve(w.text(), c.cwd()), mode, w.origin(c.script())));
    }
}
