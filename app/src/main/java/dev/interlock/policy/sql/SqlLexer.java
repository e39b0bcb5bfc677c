package dev.interlock.policy.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into tokens the way a client would: comments are skipped, string literals, quoted
 * identifiers and dollar-quoted bodies are single tokens, so a keyword inside them is never read as code.
 * A literal that never closes is not trusted to swallow the rest: its opening quote becomes a plain token
 * and lexing goes on after it (the client would reject such text, but a mis-guessed dialect must not hide
 * a statement).
 */
final class SqlLexer {

    enum Type { WORD, QUOTED_IDENT, STRING, NUMBER, PUNCT, SEMI, META, DOT_COMMAND }

    /**
     * @param inner start/end of a literal's content (between its quotes), for re-reading what it carries
     * @param value a word upper-cased, a literal's or identifier's content unquoted, a punct as written
     */
    record Tok(Type type, int start, int end, int innerStart, int innerEnd, String value) {
        boolean isWord(String upper) {
            return type == Type.WORD && value.equals(upper);
        }

        boolean isPunct(String p) {
            return type == Type.PUNCT && value.equals(p);
        }

        /** A name-like token: a bare word or a quoted identifier. */
        boolean isName() {
            return type == Type.WORD || type == Type.QUOTED_IDENT;
        }
    }

    record Options(boolean hashComments, boolean backslashEscapes, boolean dollarQuotes, boolean psqlMeta,
                   boolean brackets, boolean dotCommands) {
        static Options of(SqlDialect d) {
            return new Options(d.hashComments, d.backslashEscapes, d.dollarQuotes, d.psqlMeta, d.bracketIdentifiers,
                    d == SqlDialect.SQLITE);
        }

        /** The MySQL reading of text whose dialect is unknown. */
        static Options mysqlReading() {
            return new Options(true, true, false, false, false, false);
        }
    }

    private final String s;
    private final Options o;
    private final List<Tok> out = new ArrayList<>();
    private int i;
    private boolean lineStartClean = true;
    private int openExecutableComments;

    private SqlLexer(String s, Options o) {
        this.s = s;
        this.o = o;
    }

    static List<Tok> lex(String text, Options options) {
        SqlLexer l = new SqlLexer(text, options);
        l.run();
        return l.out;
    }

    private void run() {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                i++;
                lineStartClean = true;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean atLineStart = lineStartClean;
            lineStartClean = false;
            if (c == '-' && peek(1) == '-') {
                skipToEol();
                lineStartClean = true;
                continue;
            }
            if (c == '#' && o.hashComments) {
                skipToEol();
                lineStartClean = true;
                continue;
            }
            if (c == '/' && peek(1) == '*' && peek(2) == '!') {
                // MySQL runs the text of /*! … */ (and /*!50001 … */): read it as code
                i += 3;
                while (i < n && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                openExecutableComments++;
                continue;
            }
            if (c == '*' && peek(1) == '/' && openExecutableComments > 0) {
                openExecutableComments--;
                i += 2;
                continue;
            }
            if (c == '/' && peek(1) == '*') {
                blockComment();
                continue;
            }
            if (c == '\\' && o.psqlMeta) {
                meta();
                continue;
            }
            if (c == '.' && o.dotCommands && atLineStart && statementBufferEmpty() && Character.isLetter(peek(1))) {
                int st = i;
                skipToEol();
                out.add(new Tok(Type.DOT_COMMAND, st, i, st, i, s.substring(st, i).strip()));
                lineStartClean = true;
                continue;
            }
            if (atLineStart && isGoLine()) {
                continue;
            }
            if (c == '\'') {
                quoted(i, i + 1, '\'', Type.STRING, o.backslashEscapes);
                continue;
            }
            if ((c == 'E' || c == 'e') && peek(1) == '\'' && !identBefore()) {
                quoted(i, i + 2, '\'', Type.STRING, true);
                continue;
            }
            if ((c == 'N' || c == 'n' || c == 'X' || c == 'x' || c == 'B' || c == 'b') && peek(1) == '\''
                    && !identBefore()) {
                quoted(i, i + 2, '\'', Type.STRING, o.backslashEscapes);
                continue;
            }
            if (c == '"') {
                quoted(i, i + 1, '"', o.backslashEscapes ? Type.STRING : Type.QUOTED_IDENT, o.backslashEscapes);
                continue;
            }
            if (c == '`') {
                quoted(i, i + 1, '`', Type.QUOTED_IDENT, false);
                continue;
            }
            if (c == '[' && o.brackets) {
                quoted(i, i + 1, ']', Type.QUOTED_IDENT, false);
                continue;
            }
            if (c == '$' && o.dollarQuotes && dollarQuote()) {
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                int st = i;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Tok(Type.WORD, st, i, st, i, s.substring(st, i).toUpperCase(Locale.ROOT)));
                continue;
            }
            if (Character.isDigit(c)) {
                int st = i;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Tok(Type.NUMBER, st, i, st, i, s.substring(st, i)));
                continue;
            }
            if (c == ';') {
                out.add(new Tok(Type.SEMI, i, i + 1, i, i + 1, ";"));
                i++;
                continue;
            }
            int st = i;
            i++;
            // two-character operators that matter to tautology checks
            if (i < n && ((c == '<' && (s.charAt(i) == '>' || s.charAt(i) == '=')) || (c == '>' && s.charAt(i) == '=')
                    || (c == '!' && s.charAt(i) == '=') || (c == '=' && s.charAt(i) == '='))) {
                i++;
            }
            out.add(new Tok(Type.PUNCT, st, i, st, i, s.substring(st, i)));
        }
    }

    private char peek(int k) {
        return i + k < s.length() ? s.charAt(i + k) : '\0';
    }

    private boolean identBefore() {
        return i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_');
    }

    private boolean statementBufferEmpty() {
        if (out.isEmpty()) {
            return true;
        }
        Type last = out.get(out.size() - 1).type();
        return last == Type.SEMI || last == Type.META || last == Type.DOT_COMMAND;
    }

    private void skipToEol() {
        while (i < s.length() && s.charAt(i) != '\n') {
            i++;
        }
    }

    private void blockComment() {
        int depth = 0;
        while (i < s.length()) {
            if (s.startsWith("/*", i) && (depth == 0 || o.dollarQuotes)) {
                // only PostgreSQL nests comments; MySQL ends at the first */
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                i++;
            }
        }
        // never closed: the client rejects the text, nothing after the opener runs
    }

    /** A psql backslash command runs to the end of its line; it also ends the statement before it. */
    private void meta() {
        int st = i;
        skipToEol();
        out.add(new Tok(Type.META, st, i, st, i, s.substring(st, i).strip()));
        lineStartClean = true;
    }

    /** {@code GO} alone on a line separates batches (sqlcmd); elsewhere such a line is an error anyway. */
    private boolean isGoLine() {
        if (!s.regionMatches(true, i, "GO", 0, 2)) {
            return false;
        }
        int j = i + 2;
        while (j < s.length() && s.charAt(j) != '\n' && (Character.isWhitespace(s.charAt(j)) || Character.isDigit(s.charAt(j)))) {
            j++;
        }
        if (j < s.length() && s.charAt(j) != '\n') {
            return false;
        }
        out.add(new Tok(Type.SEMI, i, j, i, j, "GO"));
        i = j;
        return true;
    }

    private void quoted(int st, int contentStart, char close, Type type, boolean backslash) {
        int j = contentStart;
        StringBuilder v = new StringBuilder();
        while (j < s.length()) {
            char c = s.charAt(j);
            if (backslash && c == '\\' && j + 1 < s.length()) {
                v.append(s.charAt(j + 1));
                j += 2;
                continue;
            }
            if (c == close) {
                if (j + 1 < s.length() && s.charAt(j + 1) == close) {
                    v.append(c);
                    j += 2;
                    continue;
                }
                out.add(new Tok(type, st, j + 1, contentStart, j, v.toString()));
                i = j + 1;
                return;
            }
            v.append(c);
            j++;
        }
        out.add(new Tok(Type.PUNCT, st, contentStart, st, contentStart, s.substring(st, contentStart)));
        i = contentStart;
    }

    private boolean dollarQuote() {
        if (identBefore()) {
            return false;
        }
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        if (j >= s.length() || s.charAt(j) != '$' || (j > i + 1 && Character.isDigit(s.charAt(i + 1)))) {
            return false;
        }
        String tag = s.substring(i, j + 1);
        int end = s.indexOf(tag, j + 1);
        if (end < 0) {
            return false;
        }
        out.add(new Tok(Type.STRING, i, end + tag.length(), j + 1, end, s.substring(j + 1, end)));
        i = end + tag.length();
        return true;
    }
}
