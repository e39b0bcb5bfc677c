package dev.interlock.policy.shell;

import dev.interlock.action.FileAccess;
import dev.interlock.policy.Span;
import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.TextOrigin;
import dev.interlock.policy.file.FileSubject;
import dev.interlock.policy.file.PathResolver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Walks a parsed script in execution order and emits a {@link CommandSubject} for every simple command,
 * unwrapping what wrappers run, a {@link ConstructSubject} for what cannot be resolved statically, and a
 * {@link FileSubject} for each output redirection. All work is bounded (script size, tree size and depth,
 * nesting of shell strings, number of commands): beyond a bound it reports {@code too-complex} and stops.
 */
final class ScriptWalker {
    static final int MAX_SCRIPT_CHARS = 100_000;
    static final int MAX_NODES = 50_000;
    static final int MAX_DEPTH = 256;
    static final int MAX_NESTING = 5;
    static final int MAX_COMMANDS = 2_000;
    static final int MAX_PARSES = 1_000;
    static final int MAX_UNWRAP = 16;
    private static final int MAX_PARSE_ERRORS = 10;
    private static final Set<String> DEV_SINKS = Set.of("/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty", "-");
    /** echo -e writes octal as \\0NNN (printf and $'…' as \\NNN). */
    private static final java.util.regex.Pattern ECHO_OCTAL = java.util.regex.Pattern.compile("\\\\0([0-7]{1,3})");
    private static final java.util.regex.Pattern FD_OR_DASH = java.util.regex.Pattern.compile("\\d+|-");

    private final String script;
    private final SubjectSink sink;
    private final Deque<List<CommandSubject>> captures = new ArrayDeque<>();
    private int commands;
    private int parses;
    private int parseErrors;
    private boolean tooComplex;

    /** What a command's standard input is: a heredoc / here-string / known piped text, and whether it is a pipe. */
    private record Io(Word stdin, boolean piped) {
        static final Io NONE = new Io(null, false);
    }

    /** One parsed text: the script itself or a string nested in it. */
    private record Frame(String src, OffsetMap map, List<String> via, int nesting) {
    }

    /** A substitution found in a command's words, with the commands it runs (original coordinates). */
    private record Sub(int start, int end, List<CommandSubject> runs) {
    }

    ScriptWalker(String script, SubjectSink sink) {
        this.script = script;
        this.sink = sink;
    }

    void run(String cwd, Map<String, String> env) {
        walk(script, OffsetMap.identity(script.length()), List.of(), 0, new ShellState(cwd, env));
    }

    // ---- parsing a (nested) text ----

    private void walk(String text, OffsetMap map, List<String> via, int nesting, ShellState st) {
        if (nesting > MAX_NESTING) {
            tooComplex("shell strings nested more than " + MAX_NESTING + " levels deep", map, 0, text.length(), via);
            return;
        }
        if (++parses > MAX_PARSES) {
            tooComplex("more than " + MAX_PARSES + " nested scripts", map, 0, text.length(), via);
            return;
        }
        String src = text;
        if (text.length() > MAX_SCRIPT_CHARS) {
            tooComplex("the script is " + text.length() + " characters long; only the first "
                    + MAX_SCRIPT_CHARS + " were analysed", map, 0, text.length(), via);
            src = cut(text);
        }
        int separators = 0;
        for (int i = 0; i < src.length(); i++) {
            char c = src.charAt(i);
            if ((c == ';' || c == '\n' || c == '&' || c == '|') && ++separators > 2 * MAX_COMMANDS) {
                tooComplex("the script has more than " + 2 * MAX_COMMANDS + " command separators; only the first "
                        + "part was analysed", map, 0, text.length(), via);
                src = src.substring(0, i);
                break;
            }
        }
        BashParser.Result r = HeredocRepair.parse(src, BashParser.parse(src, MAX_NODES, MAX_DEPTH), MAX_NODES,
                MAX_DEPTH);
        if (r.root() == null) {
            tooComplex("parsing took longer than " + BashParser.PARSE_BUDGET_NANOS / 1_000_000 + " ms of CPU time",
                    map, 0, text.length(), via);
            return;
        }
        if (r.truncated()) {
            tooComplex("the script has more than " + MAX_NODES + " syntax nodes, is nested more than "
                    + MAX_DEPTH + " levels deep or took too long to read; only part of it was analysed", map, 0,
                    src.length(), via);
        }
        visit(r.root(), new Frame(src, map, via, nesting), st, Io.NONE);
    }

    /** The first {@link #MAX_SCRIPT_CHARS} chars, cut at a line or command boundary where possible. */
    private static String cut(String text) {
        int limit = MAX_SCRIPT_CHARS;
        int best = -1;
        for (int i = limit - 1; i > limit / 2; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == ';') {
                best = i;
                break;
            }
        }
        return text.substring(0, best > 0 ? best : limit);
    }

    // ---- statements ----

    private void visit(SyntaxNode n, Frame f, ShellState st, Io io) {
        if (stopped()) {
            return;
        }
        if (n.isError()) {
            parseError(n, f);
            if (n.missing) {
                return;
            }
        }
        switch (n.type) {
            case "program", "list", "compound_statement", "do_group", "ERROR", "negated_command" -> {
                for (SyntaxNode c : n.children) {
                    visit(c, f, st, io);
                }
            }
            case "subshell" -> {
                ShellState inner = st.copy();
                for (SyntaxNode c : n.children) {
                    visit(c, f, inner, io);
                }
            }
            case "pipeline" -> pipeline(n.children.stream().filter(c -> c.named && !c.is("comment")).toList(),
                    null, f, st, io);
            case "redirected_statement" -> redirected(n, f, st, io);
            case "command" -> command(n, f, st, io);
            case "if_statement", "while_statement", "for_statement", "c_style_for_statement", "case_statement",
                    "select_statement" -> {
                ShellState inner = st.copy();
                for (SyntaxNode c : n.children) {
                    visit(c, f, inner, Io.NONE);
                }
            }
            case "function_definition" -> {
                SyntaxNode name = n.child("name");
                sink.note("function " + (name == null ? "?" : name.text(f.src)) + ": body analysed as written");
                ShellState inner = st.copy();
                for (SyntaxNode c : n.children) {
                    if (c != name) {
                        visit(c, f, inner, Io.NONE);
                    }
                }
            }
            case "variable_assignment" -> assign(n, f, st);
            case "declaration_command", "variable_assignments" -> {
                for (SyntaxNode c : n.children) {
                    if (c.is("variable_assignment")) {
                        assign(c, f, st);
                    } else {
                        visit(c, f, st, Io.NONE);
                    }
                }
                if (n.is("declaration_command")) {
                    builtin(n, f, st);
                }
            }
            case "unset_command" -> {
                builtin(n, f, st);
                for (SyntaxNode c : n.children) {
                    if (c.named) {
                        st.vars.remove(c.text(f.src));
                    }
                }
            }
            case "command_substitution", "process_substitution" -> substitution(n, f, st);
            case "comment", "heredoc_start", "heredoc_end" -> {
            }
            default -> {
                for (SyntaxNode c : n.children) {
                    visit(c, f, st, io);
                }
            }
        }
    }

    private void assign(SyntaxNode n, Frame f, ShellState st) {
        SyntaxNode name = n.child("name");
        SyntaxNode value = n.child("value");
        if (value != null) {
            substitutions(value, f, st); // they run now; their commands are emitted
        }
        if (name == null) {
            return;
        }
        String var = name.text(f.src);
        Word w = value == null ? null : new WordReader(f.src, f.map, st.vars).read(value);
        if (w != null && w.literal() && !n.text(f.src).contains("+=")) {
            st.vars.put(var, w.text());
        } else if (value == null) {
            st.vars.put(var, "");
        } else {
            st.vars.remove(var);
        }
    }

    private void substitution(SyntaxNode n, Frame f, ShellState st) {
        ShellState inner = st.copy();
        for (SyntaxNode c : n.children) {
            if (c.named) {
                visit(c, f, inner, Io.NONE);
            }
        }
    }

    /** Visits the substitutions inside a word-like node (they run before the command), capturing each one. */
    private List<Sub> substitutions(SyntaxNode n, Frame f, ShellState st) {
        List<Sub> out = new ArrayList<>();
        collectSubstitutions(n, f, st, out);
        return out;
    }

    private void collectSubstitutions(SyntaxNode n, Frame f, ShellState st, List<Sub> out) {
        if (n.is("command_substitution") || n.is("process_substitution")) {
            List<CommandSubject> cap = new ArrayList<>();
            captures.push(cap);
            try {
                substitution(n, f, st);
            } finally {
                captures.pop();
            }
            out.add(new Sub(f.map.start(n.start), f.map.end(n.end), cap));
            return;
        }
        if (n.isError()) {
            parseError(n, f);
        }
        for (SyntaxNode c : n.children) {
            collectSubstitutions(c, f, st, out);
        }
    }

    // ---- pipelines and redirections ----

    /**
     * Members of a pipeline run with their input piped from the previous one. {@code first}, when given, is
     * what an earlier part (a heredoc'd command) already produced.
     */
    private void pipeline(List<SyntaxNode> members, List<CommandSubject> first, Frame f, ShellState st, Io io) {
        List<List<CommandSubject>> produced = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        Word known = null;
        if (first != null) {
            produced.add(first);
            ranges.add(new int[] {first.isEmpty() ? 0 : first.get(0).programWord().start(),
                first.isEmpty() ? 0 : first.get(0).span().end()});
            known = literalOutput(first);
        }
        for (SyntaxNode m : members) {
            boolean isFirst = produced.isEmpty();
            Io mio = isFirst ? io : new Io(known, true);
            List<CommandSubject> cap = new ArrayList<>();
            captures.push(cap);
            try {
                visit(m, f, st.copy(), mio);
            } finally {
                captures.pop();
            }
            produced.add(cap);
            ranges.add(new int[] {f.map.start(m.start), f.map.end(m.end)});
            known = literalOutput(cap);
        }
        for (int j = 1; j < produced.size(); j++) {
            CommandSubject reader = null;
            for (CommandSubject s : produced.get(j)) {
                if (Wrappers.readsStdin(s) || isSourceStdin(s)) {
                    reader = s;
                    break;
                }
            }
            if (reader == null) {
                continue;
            }
            String kind = null;
            String what = null;
            for (int i = 0; i < j && kind == null; i++) {
                for (CommandSubject s : produced.get(i)) {
                    if (Wrappers.DOWNLOADERS.contains(s.program())) {
                        kind = ConstructSubject.DOWNLOAD_TO_SHELL;
                        what = s.program() + " output is run by " + reader.program();
                        break;
                    }
                    if (isDecoder(s)) {
                        kind = ConstructSubject.DECODE_TO_SHELL;
                        what = s.program() + " decodes text that " + reader.program() + " runs";
                    }
                }
            }
            if (kind != null) {
                int s = ranges.get(0)[0];
                int e = ranges.get(j)[1];
                construct(kind, what, Span.of("command", script, s, e), reader.via());
            }
        }
    }

    private static boolean isSourceStdin(CommandSubject s) {
        return (s.program().equals("source") || s.program().equals(".")) && !s.args().isEmpty()
                && s.args().get(0).text().equals("/dev/stdin");
    }

    /** Programs that turn encoded text back into code: base64 -d, xxd -r, openssl enc -d, printf '\x..'. */
    static boolean isDecoder(CommandSubject s) {
        List<String> a = s.args().stream().map(Word::text).toList();
        return switch (s.program()) {
            case "base64", "gbase64", "base32", "basenc" -> a.stream().anyMatch(x -> x.equals("-d")
                    || x.equals("--decode") || x.equals("-D") || (x.startsWith("-") && !x.startsWith("--")
                    && x.contains("d")));
            case "xxd" -> a.stream().anyMatch(x -> x.startsWith("-") && !x.startsWith("--") && x.contains("r"));
            case "openssl" -> a.contains("-d") || a.contains("base64") && a.contains("-d") || a.contains("-a")
                    && a.contains("-d");
            case "uudecode", "gunzip", "zcat", "bzcat", "xzcat", "zstdcat", "rev" -> true;
            case "gzip", "bzip2", "xz", "zstd" -> a.contains("-d") || a.contains("--decompress")
                    || a.stream().anyMatch(x -> x.matches("-[a-zA-Z]*d[a-zA-Z]*"));
            case "tr" -> true;
            case "printf" -> !a.isEmpty() && hasCodeEscapes(a.get(0));
            case "echo" -> a.stream().anyMatch(x -> x.matches("-[neE]*e[neE]*"))
                    && a.stream().anyMatch(ScriptWalker::hasCodeEscapes);
            default -> false;
        };
    }

    private static boolean hasCodeEscapes(String t) {
        return t.matches("(?s).*\\\\(x[0-9a-fA-F]|[0-7]{1,3}|u[0-9a-fA-F]).*");
    }

    /** Text a pipeline member writes when it is known statically: echo/printf of literals, cat of a heredoc. */
    private static Word literalOutput(List<CommandSubject> cap) {
        if (cap.isEmpty()) {
            return null;
        }
        CommandSubject s = cap.get(0);
        List<Word> a = s.args();
        if (s.program().equals("cat") && a.isEmpty() && s.stdin() != null) {
            return s.stdin();
        }
        if (!s.program().equals("echo") && !s.program().equals("printf")) {
            return null;
        }
        int i = 0;
        boolean escapes = s.program().equals("printf");
        if (s.program().equals("echo")) {
            while (i < a.size() && a.get(i).text().matches("-[neE]+")) {
                escapes |= a.get(i).text().contains("e");
                i++;
            }
        }
        if (i >= a.size()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        boolean literal = true;
        for (int k = i; k < a.size(); k++) {
            if (k > i) {
                b.append(' ');
            }
            b.append(a.get(k).text());
            literal &= a.get(k).literal();
        }
        String text = b.toString();
        if (escapes) {
            String decoded = s.program().equals("printf") ? AnsiC.decode(text.replace("%%", "%"))
                    : AnsiC.decode(ECHO_OCTAL.matcher(text).replaceAll("\\\\$1"));
            if (!decoded.equals(text)) {
                return new Word(decoded, a.get(i).start(), a.get(a.size() - 1).end(), false, literal);
            }
        }
        if (a.size() - i == 1) {
            return a.get(i);
        }
        return new Word(text, a.get(i).start(), a.get(a.size() - 1).end(), false, literal);
    }

    private void redirected(SyntaxNode n, Frame f, ShellState st, Io io) {
        SyntaxNode body = n.child("body");
        Word stdin = io.stdin();
        List<SyntaxNode> pipeAfter = new ArrayList<>();
        List<SyntaxNode> listAfter = new ArrayList<>();
        List<SyntaxNode> fileRedirects = new ArrayList<>();
        WordReader words = new WordReader(f.src, f.map, st.vars);
        for (SyntaxNode r : n.children) {
            if (r == body) {
                continue;
            }
            switch (r.type) {
                case "heredoc_redirect" -> {
                    stdin = heredoc(r, f, st);
                    for (SyntaxNode c : r.children) {
                        if (c.is("pipeline")) {
                            pipeAfter.addAll(c.children.stream().filter(x -> x.named && !x.is("comment")).toList());
                        } else if (c.is("file_redirect")) {
                            fileRedirects.add(c);
                        } else if ("right".equals(c.field)) {
                            listAfter.add(c);
                        } else if (c.named && !c.is("heredoc_body") && !c.is("heredoc_start")
                                && !c.is("heredoc_end")) {
                            pipeAfter.add(c);
                        }
                    }
                }
                case "herestring_redirect" -> {
                    substitutions(r, f, st);
                    SyntaxNode v = lastNamed(r);
                    if (v != null) {
                        stdin = words.read(v);
                    }
                }
                case "file_redirect" -> fileRedirects.add(r);
                default -> visit(r, f, st, Io.NONE);
            }
        }
        if (body == null) {
            return;
        }
        // tree-sitter hangs a redirection after "cd x && cmd > f" on the whole list: resolve it after the body
        // so that the cd is taken into account
        Io bodyIo = new Io(stdin, io.piped());
        if (pipeAfter.isEmpty()) {
            visit(body, f, st, bodyIo);
        } else {
            List<CommandSubject> cap = new ArrayList<>();
            captures.push(cap);
            try {
                visit(body, f, st.copy(), bodyIo);
            } finally {
                captures.pop();
            }
            pipeline(pipeAfter, cap, f, st, Io.NONE);
        }
        for (SyntaxNode r : fileRedirects) {
            fileRedirect(r, f, st, new WordReader(f.src, f.map, st.vars));
        }
        for (SyntaxNode c : listAfter) {
            visit(c, f, st, Io.NONE);
        }
    }

    private Word heredoc(SyntaxNode r, Frame f, ShellState st) {
        SyntaxNode body = r.firstOfType("heredoc_body");
        SyntaxNode start = r.firstOfType("heredoc_start");
        if (body == null) {
            return null;
        }
        boolean quoted = start != null && start.text(f.src).matches(".*['\"\\\\].*");
        boolean expands = false;
        if (!quoted) {
            for (SyntaxNode c : body.children) {
                if (!c.is("heredoc_content")) {
                    expands = true;
                }
            }
            substitutions(body, f, st);
        }
        return new WordReader(f.src, f.map, st.vars).raw(bodyStart(f.src, start, body), body.end, !expands);
    }

    /**
     * Where the body really starts: the line after the operator's line. The grammar starts the body node after
     * leading blanks of its first line (and after a backslash that {@link HeredocRepair} blanked out).
     */
    private static int bodyStart(String src, SyntaxNode start, SyntaxNode body) {
        int lineEnd = start == null ? -1 : src.indexOf('\n', start.end);
        if (lineEnd < 0 || lineEnd >= body.start) {
            return body.start;
        }
        for (int i = lineEnd + 1; i < body.start; i++) {
            char c = src.charAt(i);
            if (c != ' ' && c != '\t' && c != '\\') {
                return body.start;
            }
        }
        return lineEnd + 1;
    }

    private static SyntaxNode lastNamed(SyntaxNode n) {
        SyntaxNode last = null;
        for (SyntaxNode c : n.children) {
            if (c.named) {
                last = c;
            }
        }
        return last;
    }

    /** {@code > file} and {@code >> file}: the file is written (a {@code file} subject, mode write / edit). */
    private void fileRedirect(SyntaxNode r, Frame f, ShellState st, WordReader words) {
        substitutions(r, f, st);
        SyntaxNode dest = r.child("destination");
        if (dest == null) {
            return;
        }
        String op = null;
        for (SyntaxNode c : r.children) {
            if (!c.named) {
                op = c.type;
                break;
            }
        }
        if (op == null || !(op.equals(">") || op.equals(">>") || op.equals(">|") || op.equals("&>")
                || op.equals("&>>") || op.equals(">&") || op.equals("<>"))) {
            return;
        }
        Word w = words.read(touching(r.children("destination")).get(0));
        String path = w.text();
        if (!w.literal() || path.isEmpty() || FD_OR_DASH.matcher(path).matches() || DEV_SINKS.contains(path)
                || path.startsWith("/dev/fd/")) {
            return;
        }
        boolean absolute = path.startsWith("/") || path.startsWith("~");
        if (!absolute && st.cwd == null) {
            return;
        }
        FileAccess.Mode mode = op.contains(">>") ? FileAccess.Mode.EDIT : FileAccess.Mode.WRITE;
        emit(new FileSubject(path, PathResolver.resolve(path, st.cwd), mode,
                new TextOrigin("command", w.start(), w.end(), w.verbatim(), script)));
    }

    // ---- simple commands ----

    private void command(SyntaxNode n, Frame f, ShellState st, Io io) {
        WordReader words = new WordReader(f.src, f.map, st.vars);
        Map<String, String> assignments = new LinkedHashMap<>();
        Map<String, Word> assigned = new LinkedHashMap<>();
        List<SyntaxNode> wordNodes = new ArrayList<>();
        Word stdin = io.stdin();
        List<Sub> subs = new ArrayList<>();
        for (SyntaxNode c : n.children) {
            subs.addAll(substitutions(c, f, st));
        }
        for (SyntaxNode c : n.children) {
            if (c.is("variable_assignment") || "name".equals(c.field) || "argument".equals(c.field)) {
                wordNodes.add(c);
            } else if (c.is("herestring_redirect")) {
                SyntaxNode v = lastNamed(c);
                if (v != null) {
                    stdin = words.read(v);
                }
            } else if (c.is("file_redirect")) {
                fileRedirect(c, f, st, words);
            }
        }
        Word program = null;
        List<Word> args = new ArrayList<>(wordNodes.size());
        for (List<SyntaxNode> word : touching(wordNodes)) {
            SyntaxNode head = word.get(0);
            if (program == null && head.is("variable_assignment")) {
                SyntaxNode var = head.child("name");
                List<SyntaxNode> value = new ArrayList<>(word.subList(1, word.size()));
                if (head.child("value") != null) {
                    value.add(0, head.child("value"));
                }
                if (var != null) {
                    Word w = value.isEmpty() ? null : words.read(value);
                    assignments.put(var.text(f.src), w == null ? "" : w.text());
                    assigned.put(var.text(f.src), w);
                }
            } else if (program == null && !assigned.isEmpty() && ASSIGNMENT.matcher(head.text(f.src)).lookingAt()) {
                // an assignment after one whose value the grammar split (X=/$A/$B/x Y=2 cmd)
                Word w = words.read(word);
                int eq = w.text().indexOf('=');
                String var = w.text().substring(0, eq).replace("+", "");
                assignments.put(var, w.text().substring(eq + 1));
                assigned.put(var, null);
            } else if (program == null) {
                program = word.size() == 1 && "name".equals(head.field) ? readName(head, words) : words.read(word);
            } else if (!head.is("variable_assignment") || "argument".equals(head.field)) {
                args.add(words.read(word));
            }
        }
        if (program == null) {
            // only assignments (the grammar took the rest of a split value for a command name): they stay set
            for (Map.Entry<String, Word> e : assigned.entrySet()) {
                Word w = e.getValue();
                if (w != null && w.literal()) {
                    st.vars.put(e.getKey(), w.text());
                } else {
                    st.vars.remove(e.getKey());
                }
            }
            return;
        }
        run(program, null, args, assignments, new Io(stdin, io.piped()), f, st, f.via, subs, 0);
    }

    private static final java.util.regex.Pattern ASSIGNMENT = java.util.regex.Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_]*\\+?=");

    /** Nodes grouped into shell words: nodes with no blank between them are one word. */
    private static List<List<SyntaxNode>> touching(List<SyntaxNode> nodes) {
        List<List<SyntaxNode>> out = new ArrayList<>(nodes.size());
        List<SyntaxNode> cur = null;
        for (SyntaxNode c : nodes) {
            if (cur != null && cur.get(cur.size() - 1).end == c.start) {
                cur.add(c);
            } else {
                cur = new ArrayList<>(2);
                cur.add(c);
                out.add(cur);
            }
        }
        return out;
    }

    /**
     * {@code export}/{@code declare}/{@code local}/{@code readonly}/{@code typeset}/{@code unset} are their own
     * node kinds in the grammar; they become subjects like any command, so rules can see e.g. proxy variables
     * being unset or exported empty.
     */
    private void builtin(SyntaxNode n, Frame f, ShellState st) {
        WordReader words = new WordReader(f.src, f.map, st.vars);
        SyntaxNode keyword = null;
        List<Word> args = new ArrayList<>();
        for (SyntaxNode c : n.children) {
            if (keyword == null && !c.named) {
                keyword = c;
            } else if (c.named && !c.is("comment")) {
                args.add(words.read(c));
            }
        }
        if (keyword != null) {
            run(words.read(keyword), keyword.text(f.src), args, Map.of(), Io.NONE, f, st, f.via, List.of(), 0);
        }
    }

    private static Word readName(SyntaxNode name, WordReader words) {
        if (name.children.size() == 1) {
            return words.read(name.children.get(0));
        }
        return words.read(name);
    }

    /** Program name as the rules see it: basename, no {@code .exe}. */
    static String normalise(String text) {
        String t = text;
        int slash = Math.max(t.lastIndexOf('/'), t.lastIndexOf('\\'));
        if (slash >= 0 && slash < t.length() - 1) {
            t = t.substring(slash + 1);
        }
        if (t.toLowerCase(Locale.ROOT).endsWith(".exe") && t.length() > 4) {
            t = t.substring(0, t.length() - 4);
        }
        return t;
    }

    private void run(Word programWord, String programOverride, List<Word> args, Map<String, String> assignments,
                     Io io, Frame f, ShellState st, List<String> via, List<Sub> subs, int depth) {
        if (commands >= MAX_COMMANDS) {
            tooComplex("more than " + MAX_COMMANDS + " commands", f.map, 0, f.src.length(), via);
            return;
        }
        commands++;
        String program = programOverride != null
                ? (programOverride.startsWith("@") ? programOverride : normalise(programOverride))
                : programWord.literal() ? normalise(programWord.text()) : programWord.text();
        Span span = commandSpan(programWord, args);
        if (programOverride == null && (!programWord.literal() || hasGlob(program))) {
            construct(classify(programWord.start(), programWord.end(), subs, ConstructSubject.DYNAMIC_COMMAND),
                    "the program name comes from an expansion: " + programWord.text(), span, via);
        }
        CommandSubject s = new CommandSubject(program, programWord, args, assignments, io.stdin(), io.piped(),
                st.cwd, via, script);
        emit(s);
        if (program.equals("cd") || program.equals("pushd")) {
            changeDirectory(st, args);
        }
        if (depth >= MAX_UNWRAP) {
            tooComplex("wrappers nested more than " + MAX_UNWRAP + " deep", f.map, 0, f.src.length(), via);
            return;
        }
        if (io.stdin() != null && Wrappers.readsStdin(s)) {
            String step = program + " stdin";
            sink.note(program + " reads its program from stdin");
            if (Wrappers.SHELLS.contains(program)) {
                script(List.of(io.stdin()), st.copy(), append(via, step), f, subs, step);
            } else {
                code(Wrappers.language(program), io.stdin(), st, append(via, step), f, subs, io);
            }
        }
        if (Wrappers.SHELLS.contains(program) || program.equals("source") || program.equals(".")
                || Wrappers.language(program) != null) {
            for (Word a : args) {
                if (a.text().startsWith("<(")) {
                    String kind = classify(a.start(), a.end(), subs, null);
                    if (kind != null) {
                        construct(kind, program + " runs the output of " + a.text(), span, via);
                    }
                }
            }
        }
        for (Unwrap u : Wrappers.unwrap(s)) {
            List<String> via2 = append(via, u.step());
            if (u instanceof Unwrap.Argv a) {
                if (a.argv().isEmpty()) {
                    continue;
                }
                sink.note("unwrapped " + u.step() + " → " + a.argv().get(0).text());
                Map<String, String> env = assignments;
                if (!a.env().isEmpty()) {
                    env = new LinkedHashMap<>(assignments);
                    env.putAll(a.env());
                }
                run(a.argv().get(0), a.program(), a.argv().subList(1, a.argv().size()), env, io, f,
                        stateFor(st, a.cwdMode(), a.cwd()), via2, subs, depth + 1);
            } else if (u instanceof Unwrap.Script sc) {
                if (sc.words().isEmpty()) {
                    continue;
                }
                script(sc.words(), stateFor(st.copy(), sc.cwdMode(), sc.cwd()), via2, f, subs, u.step());
            } else if (u instanceof Unwrap.Code c) {
                code(c.language(), c.code(), st, via2, f, subs, io);
            } else if (u instanceof Unwrap.Construct c) {
                construct(c.kind(), c.detail(), span, via);
            }
        }
    }

    private void script(List<Word> words, ShellState st, List<String> via, Frame f, List<Sub> subs, String step) {
        boolean literal = words.stream().allMatch(Word::literal);
        Word first = words.get(0);
        Word last = words.get(words.size() - 1);
        if (!literal) {
            construct(classify(first.start(), last.end(), subs, ConstructSubject.DYNAMIC_COMMAND),
                    step + " runs a string built at run time", Span.of("command", script, first.start(), last.end()),
                    via);
        }
        StringBuilder text = new StringBuilder();
        for (Word w : words) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(w.text());
        }
        sink.note("parsed the " + step + " text as a script");
        walk(text.toString(), OffsetMap.joined(words), via, f.nesting + 1, st);
    }

    private void code(String language, Word code, ShellState st, List<String> via, Frame f, List<Sub> subs,
                      Io io) {
        if (language == null) {
            return;
        }
        String step = via.isEmpty() ? language : via.get(via.size() - 1);
        for (InterpreterCode.Finding x : InterpreterCode.scan(language, code.text())) {
            List<String> via2 = append(via, x.call());
            Span where = Span.of("command", script, code.start(), code.end());
            if (x instanceof InterpreterCode.Shell sh) {
                sink.note("found a shell command in " + step + " via " + x.call());
                OffsetMap m = new OffsetMap(code.start() + sh.start(), code.verbatim() && sh.exact(), code.start(),
                        code.end());
                walk(sh.text(), m, via2, f.nesting + 1, st.copy());
            } else if (x instanceof InterpreterCode.Argv av) {
                sink.note("found a command in " + step + " via " + x.call());
                List<Word> w = av.words().stream().map(t -> new Word(t, code.start(), code.end(), false, true))
                        .toList();
                run(w.get(0), null, w.subList(1, w.size()), Map.of(), Io.NONE, f, st, via2, subs, 1);
            } else if (x instanceof InterpreterCode.Delete d) {
                sink.note("found a delete in " + step + ": " + x.call() + " → " + d.program());
                List<Word> args = new ArrayList<>();
                for (String flag : d.flags()) {
                    args.add(new Word(flag, code.start(), code.end(), false, true));
                }
                args.add(new Word(d.path(), code.start(), code.end(), false, d.literal()));
                run(new Word(d.program(), code.start(), code.end(), false, true), d.program(), args, Map.of(),
                        Io.NONE, f, st, via2, subs, 1);
            } else if (x instanceof InterpreterCode.Dynamic) {
                construct(ConstructSubject.DYNAMIC_COMMAND, step + " builds a command at run time (" + x.call() + ")",
                        where, via);
            }
        }
    }

    private ShellState stateFor(ShellState st, Unwrap.CwdMode mode, String cwd) {
        return switch (mode) {
            case KEEP -> st;
            case UNKNOWN -> st.withCwd(null);
            case SET -> st.withCwd(cwd.startsWith("/") || cwd.startsWith("~") || st.cwd != null
                    ? PathResolver.resolve(cwd, st.cwd) : null);
        };
    }

    private static void changeDirectory(ShellState st, List<Word> args) {
        Word target = null;
        for (Word a : args) {
            String t = a.text();
            if (t.startsWith("-") && t.length() > 1 && target == null) {
                continue;
            }
            target = a;
            break;
        }
        if (target == null) {
            st.cwd = PathResolver.home();
            return;
        }
        String t = target.text();
        if (!target.literal() && !t.startsWith("$HOME")) {
            st.cwd = null;
        } else if (t.equals("-")) {
            st.cwd = null;
        } else if (t.startsWith("/") || t.startsWith("~") || t.startsWith("$HOME")) {
            st.cwd = PathResolver.resolve(t, st.cwd);
        } else if (st.cwd != null) {
            st.cwd = PathResolver.resolve(t, st.cwd);
        }
    }

    /**
     * What a string built at run time really is: download-to-shell when a substitution inside
     * {@code [s, e)} downloads, decode-to-shell when one decodes, else {@code fallback}.
     */
    private static String classify(int s, int e, List<Sub> subs, String fallback) {
        String kind = fallback;
        for (Sub sub : subs) {
            if (sub.start() < s || sub.end() > e) {
                continue;
            }
            for (CommandSubject c : sub.runs()) {
                if (Wrappers.DOWNLOADERS.contains(c.program())) {
                    return ConstructSubject.DOWNLOAD_TO_SHELL;
                }
                if (isDecoder(c)) {
                    kind = ConstructSubject.DECODE_TO_SHELL;
                }
            }
        }
        return kind;
    }

    private Span commandSpan(Word program, List<Word> args) {
        int s = program.start();
        int e = program.end();
        for (Word a : args) {
            s = Math.min(s, a.start());
            e = Math.max(e, a.end());
        }
        return Span.of("command", script, s, e);
    }

    private static List<String> append(List<String> via, String step) {
        List<String> out = new ArrayList<>(via.size() + 1);
        out.addAll(via);
        out.add(step);
        return out;
    }

    // ---- emitting ----

    private void emit(dev.interlock.policy.Subject s) {
        sink.add(s);
        if (s instanceof CommandSubject c) {
            for (List<CommandSubject> cap : captures) {
                cap.add(c);
            }
        }
    }

    private void construct(String kind, String detail, Span span, List<String> via) {
        sink.note(kind + ": " + detail);
        emit(new ConstructSubject(kind, detail, span, via));
    }

    private void parseError(SyntaxNode n, Frame f) {
        if (++parseErrors > MAX_PARSE_ERRORS) {
            return;
        }
        String what = n.missing ? "missing '" + n.type + "'" : "cannot parse '" + abbreviate(n.text(f.src)) + "'";
        int s = n.start;
        int e = Math.max(n.end, Math.min(f.src.length(), n.start + 1));
        construct(ConstructSubject.PARSE_ERROR, what, Span.of("command", script, f.map.start(s), f.map.end(e)),
                f.via);
    }

    private void tooComplex(String detail, OffsetMap map, int s, int e, List<String> via) {
        if (tooComplex) {
            return;
        }
        tooComplex = true;
        construct(ConstructSubject.TOO_COMPLEX, detail, Span.of("command", script, map.start(s), map.end(e)), via);
    }

    private boolean stopped() {
        return commands >= MAX_COMMANDS && tooComplex;
    }

    static boolean hasGlob(String t) {
        return t.indexOf('*') >= 0 || t.indexOf('?') >= 0 || t.indexOf('[') >= 0;
    }

    private static String abbreviate(String t) {
        String one = t.replace('\n', ' ');
        return one.length() > 40 ? one.substring(0, 40) + "…" : one;
    }
}
