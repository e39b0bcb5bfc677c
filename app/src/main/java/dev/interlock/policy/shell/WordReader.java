package dev.interlock.policy.shell;

import java.util.List;
import java.util.Map;

/**
 * Turns a word-like syntax node into a {@link Word}: quotes removed, escapes applied, {@code $'…'} decoded,
 * variables replaced where the script assigned them a literal value earlier. Anything it cannot resolve
 * ({@code $X} unknown, {@code $(…)}, arithmetic) stays in the text as written and makes the word non-literal.
 */
final class WordReader {
    private final String src;
    private final OffsetMap map;
    private final Map<String, String> vars;
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    WordReader(String src, OffsetMap map, Map<String, String> vars) {
        this.src = src;
        this.map = map;
        this.vars = vars;
    }

    private static final class Acc {
        final StringBuilder text = new StringBuilder();
        boolean literal = true;
        /** Lone {@code $} tokens appended (each makes the word non-literal unless a join resolves it). */
        int loneDollars;
        /** Where the last lone {@code $} sits in {@link #text}, or -1. */
        int dollarAt = -1;

        boolean literal() {
            return literal && loneDollars == 0;
        }
    }

    Word read(SyntaxNode n) {
        // A quoted string whose content is taken verbatim gets the content's own coordinates, so a script
        // nested in it (bash -c '…') maps its offsets one to one.
        if ((n.is("raw_string") || n.is("string")) && n.end - n.start >= 2) {
            Acc acc = new Acc();
            append(n, acc);
            int cs = n.start + 1;
            int ce = n.end - 1;
            String content = src.substring(cs, ce);
            if (acc.text.toString().equals(content)) {
                return new Word(content, map.start(cs), map.end(ce), map.exact(), acc.literal());
            }
            return new Word(acc.text.toString(), map.start(n.start), map.end(n.end), false, acc.literal());
        }
        Acc acc = new Acc();
        append(n, acc);
        String text = acc.text.toString();
        boolean verbatim = map.exact() && text.equals(src.substring(n.start, n.end));
        return new Word(text, map.start(n.start), map.end(n.end), verbatim, acc.literal());
    }

    /**
     * One shell word written as several touching nodes. tree-sitter-bash ends an unquoted word after a second
     * {@code $} ({@code /$A/y/$B/z} parses as {@code /$A/y/$} and {@code B/z}); bash reads one word, and
     * the {@code $} with the name that starts the next node is an expansion ({@code $B}).
     */
    Word read(List<SyntaxNode> parts) {
        if (parts.size() == 1) {
            return read(parts.get(0));
        }
        Acc acc = new Acc();
        for (SyntaxNode written : parts) {
            SyntaxNode part = written.is("command_name") && written.children.size() == 1
                    ? written.children.get(0) : written;
            int dollar = acc.dollarAt == acc.text.length() - 1 ? acc.dollarAt : -1;
            int before = acc.text.length();
            append(part, acc);
            if (dollar < 0) {
                continue;
            }
            java.util.regex.Matcher m = NAME.matcher(src).region(part.start, part.end);
            if (!m.lookingAt()) {
                continue;
            }
            String name = m.group();
            if (vars.containsKey(name)) {
                acc.text.replace(dollar, before + name.length(), vars.get(name));
                acc.loneDollars--;
            }
        }
        int s = parts.get(0).start;
        int e = parts.get(parts.size() - 1).end;
        String text = acc.text.toString();
        boolean verbatim = map.exact() && text.equals(src.substring(s, e));
        return new Word(text, map.start(s), map.end(e), verbatim, acc.literal());
    }

    /** A word made from the literal text of a node range (heredoc bodies). */
    Word raw(int s, int e, boolean literal) {
        return new Word(src.substring(s, e), map.start(s), map.end(e), map.exact(), literal);
    }

    private void append(SyntaxNode n, Acc acc) {
        switch (n.type) {
            case "word", "number", "extglob_pattern", "variable_name", "test_operator", "file_descriptor",
                    "regex", "special_variable_name" -> acc.text.append(unescapeBare(n.text(src)));
            case "raw_string" -> acc.text.append(src, n.start + 1, Math.max(n.start + 1, n.end - 1));
            case "ansi_c_string" -> acc.text.append(AnsiC.decode(src.substring(
                    Math.min(n.end, n.start + 2), Math.max(n.start + 2, n.end - 1))));
            case "string", "translated_string" -> appendDoubleQuoted(n, acc);
            case "string_content" -> acc.text.append(unescapeDoubleQuoted(n.text(src)));
            case "concatenation" -> {
                int pos = n.start;
                for (SyntaxNode c : n.children) {
                    if (c.start > pos) {
                        acc.text.append(unescapeBare(src.substring(pos, c.start)));
                    }
                    append(c, acc);
                    pos = Math.max(pos, c.end);
                }
                if (pos < n.end) {
                    acc.text.append(unescapeBare(src.substring(pos, n.end)));
                }
            }
            case "simple_expansion", "expansion" -> {
                String name = plainVariable(n);
                if (name != null && vars.containsKey(name)) {
                    acc.text.append(vars.get(name));
                } else {
                    acc.text.append(n.text(src));
                    acc.literal = false;
                }
            }
            case "brace_expression" -> acc.text.append(n.text(src));
            case "$" -> {
                acc.dollarAt = acc.text.length();
                acc.text.append('$');
                acc.loneDollars++;
            }
            default -> {
                String t = n.text(src);
                acc.text.append(t);
                acc.literal = false;
            }
        }
    }

    private void appendDoubleQuoted(SyntaxNode n, Acc acc) {
        int open = n.is("translated_string") ? 2 : 1;
        int pos = Math.min(n.end, n.start + open);
        int close = Math.max(pos, n.end - 1);
        for (SyntaxNode c : n.children) {
            if (c.is("\"") || c.is("$\"")) {
                continue;
            }
            if (c.start > pos) {
                acc.text.append(unescapeDoubleQuoted(src.substring(pos, Math.min(c.start, close))));
            }
            append(c, acc);
            pos = Math.max(pos, c.end);
        }
        if (pos < close) {
            acc.text.append(unescapeDoubleQuoted(src.substring(pos, close)));
        }
    }

    /** {@code $NAME} or {@code ${NAME}} without operators: the name; otherwise null. */
    private String plainVariable(SyntaxNode n) {
        String t = n.text(src);
        String name;
        if (t.startsWith("${") && t.endsWith("}")) {
            name = t.substring(2, t.length() - 1);
        } else if (t.startsWith("$")) {
            name = t.substring(1);
        } else {
            return null;
        }
        return NAME.matcher(name).matches() ? name : null;
    }

    /** Outside quotes a backslash keeps the next char literally; backslash-newline disappears. */
    static String unescapeBare(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(++i);
                if (d != '\n') {
                    b.append(d);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Inside double quotes only {@code \\ \" \$ \`} and backslash-newline are escapes. */
    static String unescapeDoubleQuoted(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(i + 1);
                if (d == '\\' || d == '"' || d == '$' || d == '`') {
                    b.append(d);
                    i++;
                    continue;
                }
                if (d == '\n') {
                    i++;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }
}
