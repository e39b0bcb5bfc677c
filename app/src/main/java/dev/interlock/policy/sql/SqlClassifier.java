package dev.interlock.policy.sql;

import dev.interlock.policy.TextOrigin;
import dev.interlock.policy.sql.SqlLexer.Tok;
import dev.interlock.policy.sql.SqlLexer.Type;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Splits SQL text into statements and says what each destroys. Statement boundaries and shapes come from
 * {@link SqlLexer}'s tokens, which know what JSqlParser does not (psql meta-commands, dollar quotes, {@code GO}
 * batches, MySQL executable comments, T-SQL statements without semicolons, dialect keywords). JSqlParser is the
 * second opinion for the one question tokens cannot always settle: whether a WHERE condition that reads no column
 * is always true ({@code WHERE 2*3 = 6}). It is not the first reader because one parse costs 200–500 µs of CPU
 * here against 5–20 µs for the whole token classification, and the decision budget is 100 µs.
 */
public final class SqlClassifier {
    /** Statements longer than this are read from tokens only: the parser's cost grows too fast beyond it. */
    private static final int MAX_PARSE_CHARS = 8_192;
    private static final int MAX_NESTING = 4;
    private static final int MAX_STATEMENT_DEPTH = 32;
    /** More statements than this in one text is not analysed: the action is held as too complex. */
    public static final int MAX_STATEMENTS = 10_000;
    private static final Set<String> WRITE_VERBS = Set.of("DELETE", "UPDATE", "INSERT", "MERGE", "REPLACE", "UPSERT");

    private final boolean useParser;

    private SqlClassifier(boolean useParser) {
        this.useParser = useParser;
    }

    public static SqlClassifier standard() {
        return new SqlClassifier(true);
    }

    /** Tokens only, never JSqlParser: the fallback on its own, for tests that both readings agree. */
    static SqlClassifier tokensOnly() {
        return new SqlClassifier(false);
    }

    /** The statements of {@code text}, each with what it destroys. */
    public List<SqlSubject> classify(String text, SqlDialect dialect, TextOrigin origin, String via) {
        List<SqlSubject> out = new ArrayList<>();
        readAll(text, SqlLexer.Options.of(dialect), dialect, origin, via, 0, out);
        if (dialect == SqlDialect.GENERIC) {
            // the text might be MySQL: backslash escapes and # comments change where literals end
            List<SqlSubject> alt = new ArrayList<>();
            readAll(text, SqlLexer.Options.mysqlReading(), SqlDialect.MYSQL, origin, via, 0, alt);
            Set<String> seen = new HashSet<>();
            for (SqlSubject s : out) {
                seen.add(signature(s));
            }
            for (SqlSubject s : alt) {
                if (!s.kinds().isEmpty() && seen.add(signature(s))) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static String signature(SqlSubject s) {
        return s.kinds() + "|" + s.objectKind() + "|" + s.objects() + "|" + s.origin().start() + "|" + s.origin().end();
    }

    private void readAll(String text, SqlLexer.Options options, SqlDialect dialect, TextOrigin origin, String via,
                         int depth, List<SqlSubject> out) {
        List<Tok> toks = SqlLexer.lex(text, options);
        List<Tok> current = new ArrayList<>();
        if (toks.size() > 4 * MAX_STATEMENTS && countSemis(toks) > MAX_STATEMENTS) {
            throw new SqlTooComplexException("more than " + MAX_STATEMENTS + " SQL statements in one text");
        }
        for (Tok t : toks) {
            if (t.type() == Type.SEMI) {
                statement(text, current, dialect, origin, via, depth, out);
                current = new ArrayList<>();
            } else if (t.type() == Type.META || t.type() == Type.DOT_COMMAND) {
                if (t.type() == Type.META && t.value().startsWith("\\gexec")) {
                    generated(text, current, dialect, origin, via, depth, out);
                }
                statement(text, current, dialect, origin, via, depth, out);
                current = new ArrayList<>();
                String verb = metaVerb(t.value());
                boolean shell = verb.startsWith("\\!") || verb.equals(".shell") || verb.equals(".system");
                out.add(subject(text, List.of(t), new Shape(shell ? EnumSet.of(SqlKind.SHELL_ESCAPE) : Set.of(), verb,
                        null, List.of()), origin, via));
            } else {
                current.add(t);
            }
        }
        statement(text, current, dialect, origin, via, depth, out);
    }

    private static int countSemis(List<Tok> toks) {
        int n = 0;
        for (Tok t : toks) {
            if (t.type() != Type.WORD && t.type() != Type.PUNCT && t.type() != Type.NUMBER && t.type() != Type.STRING
                    && t.type() != Type.QUOTED_IDENT) {
                n++;
            }
        }
        return n;
    }

    private static final Set<String> STARTS = Set.of("DELETE", "UPDATE", "DROP", "TRUNCATE", "ALTER", "GRANT",
            "REVOKE", "EXEC", "EXECUTE");
    /** Words after which DELETE/UPDATE/… continue the statement ({@code ON DELETE}, {@code FOR UPDATE}, …). */
    private static final Set<String> CONTINUES = Set.of("ON", "FOR", "OF", "THEN", "AFTER", "BEFORE", "INSTEAD",
            "ENABLE", "DISABLE", "AND", "OR", "KEY", "DO", "AS", "GRANT", "REVOKE", "DENY", "CASCADE", "NO", "TO");
    /** Statements whose later DROP/DELETE/… words are part of them, or are not run now. */
    private static final Set<String> WHOLE = Set.of("ALTER", "EXPLAIN", "WITH", "CREATE", "GRANT", "REVOKE", "DENY",
            "PREPARE", "COPY", "DECLARE");

    /**
     * T-SQL runs statements written one after another without a semicolon ({@code SELECT 1 DROP TABLE t}): the
     * index where a second, destructive statement starts, or -1.
     */
    private static int juxtaposed(List<Tok> t) {
        Tok first = t.get(0);
        if (first.type() != Type.WORD || WHOLE.contains(first.value())) {
            return -1;
        }
        int depth = 0;
        for (int i = 1; i < t.size(); i++) {
            Tok x = t.get(i);
            if (x.isPunct("(")) {
                depth++;
            } else if (x.isPunct(")")) {
                depth--;
            } else if (depth == 0 && x.type() == Type.WORD && STARTS.contains(x.value())) {
                Tok prev = t.get(i - 1);
                boolean continues = prev.type() == Type.WORD && CONTINUES.contains(prev.value())
                        || prev.isPunct(",") || prev.isPunct(".") || prev.isPunct("(");
                if (!continues) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String metaVerb(String meta) {
        int sp = 0;
        while (sp < meta.length() && !Character.isWhitespace(meta.charAt(sp))) {
            sp++;
        }
        return meta.substring(0, sp);
    }

    /** What one statement destroys. */
    record Shape(Set<SqlKind> kinds, String verb, String objectKind, List<String> objects) {
        static Shape none(String verb) {
            return new Shape(Set.of(), verb, null, List.of());
        }
    }

    private void statement(String text, List<Tok> toks, SqlDialect dialect, TextOrigin origin, String via, int depth,
                           List<SqlSubject> out) {
        if (toks.isEmpty()) {
            return;
        }
        if (dialect == SqlDialect.MSSQL || dialect == SqlDialect.GENERIC) {
            int cut = juxtaposed(toks);
            if (cut > 0) {
                statement(text, toks.subList(0, cut), dialect, origin, via, depth, out);
                statement(text, toks.subList(cut, toks.size()), dialect, origin, via, depth, out);
                return;
            }
        }
        List<SqlSubject> nested = new ArrayList<>();
        Shape shape = shape(text, toks, dialect, origin, via, depth, nested);
        out.add(subject(text, toks, shape, origin, via));
        out.addAll(nested);
    }

    private static SqlSubject subject(String text, List<Tok> toks, Shape shape, TextOrigin origin, String via) {
        int s = toks.get(0).start();
        int e = toks.get(toks.size() - 1).end();
        return new SqlSubject("sql", text.substring(s, e), shape.kinds(), shape.verb(), shape.objectKind(),
                shape.objects(), origin.sub(s, e, true), via);
    }

    private Shape shape(String text, List<Tok> t, SqlDialect dialect, TextOrigin origin, String via, int depth,
                        List<SqlSubject> nested) {
        if (depth > MAX_STATEMENT_DEPTH) {
            throw new SqlTooComplexException("SQL nested more than " + MAX_STATEMENT_DEPTH + " statements deep");
        }
        Tok first = t.get(0);
        if (first.type() != Type.WORD) {
            return Shape.none(text.substring(first.start(), first.end()));
        }
        String verb = first.value();
        return switch (verb) {
            case "DROP" -> drop(t, dialect);
            case "TRUNCATE" -> truncate(t);
            case "DELETE" -> delete(text, t);
            case "UPDATE" -> update(text, t);
            case "ALTER" -> alter(t);
            case "GRANT" -> new Shape(EnumSet.of(SqlKind.GRANT), verb, null, List.of());
            case "REVOKE" -> new Shape(EnumSet.of(SqlKind.REVOKE), verb, null, List.of());
            case "WITH" -> with(text, t, dialect, origin, via, depth, nested);
            case "EXPLAIN" -> explain(text, t, dialect, origin, via, depth, nested);
            case "COPY" -> indexOfTop(t, "PROGRAM", 1) > 0
                    ? new Shape(EnumSet.of(SqlKind.SHELL_ESCAPE), verb, null, List.of()) : Shape.none(verb);
            case "SYSTEM" -> dialect == SqlDialect.MYSQL
                    ? new Shape(EnumSet.of(SqlKind.SHELL_ESCAPE), verb, null, List.of()) : Shape.none(verb);
            case "DO", "EXECUTE", "EXEC", "PREPARE" -> {
                // DO runs its body; EXECUTE 'DROP …' / EXEC('…') / PREPARE s FROM '…' run a string as SQL
                literals(text, t, dialect, origin, via, depth, nested);
                yield Shape.none(verb);
            }
            default -> Shape.none(verb);
        };
    }

    // ---- DROP / TRUNCATE / ALTER

    // Snowflake: DROP DYNAMIC|ICEBERG|HYBRID|EXTERNAL TABLE (EXTERNAL also Hive/Spark/Redshift).
    private static final Set<String> TWO_WORD_OBJECTS = Set.of("MATERIALIZED", "FOREIGN", "EVENT", "ACCESS", "TEXT",
            "USER", "DATA", "TEMPORARY", "TEMP", "DYNAMIC", "ICEBERG", "HYBRID", "EXTERNAL");

    private static Shape drop(List<Tok> t, SqlDialect dialect) {
        int k = 1;
        if (k < t.size() && (t.get(k).isWord("TEMPORARY") || t.get(k).isWord("TEMP")) && k + 1 < t.size()
                && t.get(k + 1).isWord("TABLE")) {
            k++;
        }
        StringBuilder object = new StringBuilder();
        while (k < t.size() && t.get(k).type() == Type.WORD) {
            String w = t.get(k).value();
            object.append(object.length() == 0 ? "" : " ").append(w.toLowerCase(Locale.ROOT));
            k++;
            if (!TWO_WORD_OBJECTS.contains(w) || w.equals("USER") && !(k < t.size() && t.get(k).isWord("MAPPING"))) {
                break;
            }
        }
        String objectKind = object.length() == 0 ? null : object.toString();
        if ("owned".equals(objectKind) && k < t.size() && t.get(k).isWord("BY")) {
            k++;
        }
        while (k < t.size() && (t.get(k).isWord("IF") || t.get(k).isWord("EXISTS") || t.get(k).isWord("CONCURRENTLY"))) {
            k++;
        }
        List<String> names = names(t, k);
        Set<SqlKind> kinds = EnumSet.of(SqlKind.DROP);
        boolean database = "database".equals(objectKind)
                || "schema".equals(objectKind) && (dialect == SqlDialect.MYSQL || dialect == SqlDialect.CLICKHOUSE);
        if (database) {
            kinds.add(SqlKind.DROP_DATABASE);
        }
        return new Shape(kinds, "DROP", objectKind, names);
    }

    /** Comma-separated (qualified) names from {@code k}. */
    private static List<String> names(List<Tok> t, int k) {
        List<String> names = new ArrayList<>();
        while (k < t.size() && t.get(k).isName()) {
            StringBuilder name = new StringBuilder(display(t.get(k)));
            k++;
            while (k + 1 < t.size() && t.get(k).isPunct(".") && t.get(k + 1).isName()) {
                name.append('.').append(display(t.get(k + 1)));
                k += 2;
            }
            names.add(name.toString());
            if (k < t.size() && t.get(k).isPunct("*")) {
                k++;
            }
            if (k < t.size() && t.get(k).isPunct(",")) {
                k++;
            } else {
                break;
            }
        }
        return names;
    }

    /** A name as the human knows it: a quoted identifier without quotes, a bare word lower-cased as SQL folds it. */
    private static String display(Tok tok) {
        return tok.type() == Type.QUOTED_IDENT ? tok.value() : tok.value().toLowerCase(Locale.ROOT);
    }

    private static Shape truncate(List<Tok> t) {
        int k = 1;
        // TABLE, ONLY (Postgres) and IF EXISTS (Snowflake, MySQL-compatible engines) come before the names.
        while (k < t.size() && (t.get(k).isWord("TABLE") || t.get(k).isWord("ONLY") || t.get(k).isWord("IF")
                || t.get(k).isWord("EXISTS"))) {
            k++;
        }
        return new Shape(EnumSet.of(SqlKind.TRUNCATE), "TRUNCATE", "table", names(t, k));
    }

    private static Shape alter(List<Tok> t) {
        String objectKind = t.size() > 1 && t.get(1).type() == Type.WORD ? t.get(1).value().toLowerCase(Locale.ROOT) : null;
        int k = 2;
        while (k < t.size() && (t.get(k).isWord("IF") || t.get(k).isWord("EXISTS") || t.get(k).isWord("ONLY"))) {
            k++;
        }
        List<String> names = names(t, k);
        Set<SqlKind> kinds = EnumSet.noneOf(SqlKind.class);
        int depth = 0;
        for (int i = 2; i < t.size(); i++) {
            Tok x = t.get(i);
            if (x.isPunct("(")) {
                depth++;
            } else if (x.isPunct(")")) {
                depth--;
            } else if (depth == 0 && x.isWord("DROP") && !dropsAColumnProperty(t, i)) {
                kinds.add(SqlKind.ALTER_DROP);
            } else if (depth == 0 && (x.isWord("TRUNCATE") && i + 1 < t.size() && t.get(i + 1).isWord("PARTITION"))) {
                kinds.add(SqlKind.ALTER_DROP);
            } else if (depth == 0 && (x.isWord("DELETE") || x.isWord("UPDATE")) && "table".equals(objectKind)
                    && !t.get(i - 1).isWord("ON") && !t.get(i - 1).isWord("FOR")) {
                // ClickHouse mutations: ALTER TABLE t DELETE WHERE …
                int w = indexOfTop(t, "WHERE", i + 1);
                if (w < 0 || Tautology.holds(t.subList(w + 1, t.size()))) {
                    kinds.add(x.isWord("DELETE") ? SqlKind.DELETE_WITHOUT_WHERE : SqlKind.UPDATE_WITHOUT_WHERE);
                }
            }
        }
        return kinds.isEmpty() ? Shape.none("ALTER") : new Shape(kinds, "ALTER", objectKind, names);
    }

    /** {@code ALTER COLUMN c DROP DEFAULT / NOT NULL / IDENTITY / EXPRESSION} loses no data. */
    private static boolean dropsAColumnProperty(List<Tok> t, int dropAt) {
        if (dropAt + 1 >= t.size()) {
            return false;
        }
        Tok next = t.get(dropAt + 1);
        boolean property = next.isWord("DEFAULT") || next.isWord("NOT") || next.isWord("IDENTITY")
                || next.isWord("EXPRESSION");
        if (!property) {
            return false;
        }
        // only when this DROP belongs to an ALTER [COLUMN] clause, not ADD/DROP COLUMN itself
        for (int i = dropAt - 1; i > 1; i--) {
            if (t.get(i).isPunct(",")) {
                return false;
            }
            if (t.get(i).isWord("ALTER") || t.get(i).isWord("MODIFY")) {
                return true;
            }
        }
        return false;
    }

    private static int indexOfTop(List<Tok> t, String word, int from) {
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            Tok x = t.get(i);
            if (x.isPunct("(")) {
                depth++;
            } else if (x.isPunct(")")) {
                depth--;
            } else if (depth == 0 && x.isWord(word)) {
                return i;
            }
        }
        return -1;
    }

    // ---- DELETE / UPDATE

    private Shape delete(String text, List<Tok> t) {
        List<String> table = names(t, skipWords(t, 1, "LOW_PRIORITY", "QUICK", "IGNORE", "FROM", "ONLY"));
        return unfiltered(text, t, true) ? new Shape(EnumSet.of(SqlKind.DELETE_WITHOUT_WHERE), "DELETE", "table", table)
                : new Shape(Set.of(), "DELETE", "table", table);
    }

    private Shape update(String text, List<Tok> t) {
        List<String> table = names(t, skipWords(t, 1, "LOW_PRIORITY", "IGNORE", "ONLY"));
        return unfiltered(text, t, false) ? new Shape(EnumSet.of(SqlKind.UPDATE_WITHOUT_WHERE), "UPDATE", "table", table)
                : new Shape(Set.of(), "UPDATE", "table", table);
    }

    /**
     * True when the statement touches every row. The tokens decide the usual cases (no WHERE; a WHERE that is
     * constant-true, constant-false or reads a column). A WHERE that reads no column but that the tokens cannot
     * evaluate ({@code WHERE 2*3 = 6}, {@code WHERE random() < 2}) goes to JSqlParser; if it cannot tell either,
     * such a constant condition counts as true: failing closed.
     */
    private boolean unfiltered(String text, List<Tok> t, boolean isDelete) {
        int w = indexOfTop(t, "WHERE", 1);
        if (w < 0) {
            return true;
        }
        if (w + 1 < t.size() && t.get(w + 1).isWord("CURRENT")) {
            return false;
        }
        int end = t.size();
        for (String stop : List.of("RETURNING", "ORDER", "LIMIT", "OUTPUT")) {
            int at = indexOfTop(t, stop, w + 1);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        List<Tok> cond = t.subList(w + 1, end);
        Boolean truth = Tautology.truth(cond);
        if (truth != null) {
            return truth;
        }
        if (Tautology.readsAColumn(cond)) {
            return false;
        }
        Boolean parsed = parsedUnfiltered(text, t, isDelete);
        return parsed == null || parsed;
    }

    private static int skipWords(List<Tok> t, int k, String... words) {
        Set<String> skip = Set.of(words);
        while (k < t.size()) {
            Tok x = t.get(k);
            if (x.type() == Type.WORD && skip.contains(x.value())) {
                k++;
            } else if (x.isWord("TOP") && k + 1 < t.size()) {
                // T-SQL: DELETE TOP (10) FROM t
                k++;
                if (t.get(k).isPunct("(")) {
                    while (k < t.size() && !t.get(k).isPunct(")")) {
                        k++;
                    }
                }
                k++;
            } else {
                break;
            }
        }
        return k;
    }

    /** TRUE/FALSE from JSqlParser's reading of the WHERE clause; null when it cannot parse or judge it. */
    private Boolean parsedUnfiltered(String text, List<Tok> t, boolean isDelete) {
        int s = t.get(0).start();
        int e = t.get(t.size() - 1).end();
        if (!useParser || e - s > MAX_PARSE_CHARS) {
            return null;
        }
        String sql = text.substring(s, e);
        if (CCJSqlParserUtil.getNestingDepth(sql) > CCJSqlParserUtil.ALLOWED_NESTING_DEPTH) {
            // deep nesting makes the parser backtrack exponentially
            return null;
        }
        try {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(false);
            Statement st = parser.Statement();
            Expression where;
            if (isDelete && st instanceof Delete d) {
                where = d.getWhere();
            } else if (!isDelete && st instanceof Update u) {
                where = u.getWhere();
            } else {
                return null;
            }
            return where == null ? Boolean.TRUE : Tautology.truth(where);
        } catch (Exception | StackOverflowError ex) {
            // the parser does not know this dialect's form
            return null;
        }
    }

    // ---- WITH / EXPLAIN / bodies

    private Shape with(String text, List<Tok> t, SqlDialect dialect, TextOrigin origin, String via, int depth,
                       List<SqlSubject> nested) {
        Set<SqlKind> kinds = EnumSet.noneOf(SqlKind.class);
        String objectKind = null;
        List<String> objects = new ArrayList<>();
        int k = 1;
        if (k < t.size() && t.get(k).isWord("RECURSIVE")) {
            k++;
        }
        while (k < t.size()) {
            // name [(cols)] AS [NOT] [MATERIALIZED] ( body )
            int as = k;
            while (as < t.size() && !t.get(as).isWord("AS")) {
                if (t.get(as).isPunct("(")) {
                    as = close(t, as);
                }
                as++;
            }
            int open = as + 1;
            while (open < t.size() && (t.get(open).isWord("NOT") || t.get(open).isWord("MATERIALIZED"))) {
                open++;
            }
            if (open >= t.size() || !t.get(open).isPunct("(")) {
                break;
            }
            int close = close(t, open);
            List<Tok> body = t.subList(open + 1, Math.min(close, t.size()));
            if (!body.isEmpty() && body.get(0).type() == Type.WORD && WRITE_VERBS.contains(body.get(0).value())) {
                kinds.add(SqlKind.WRITE_IN_CTE);
                Shape inner = shape(text, body, dialect, origin, via, depth + 1, nested);
                kinds.addAll(inner.kinds());
                if (objects.isEmpty()) {
                    objectKind = inner.objectKind();
                    objects.addAll(inner.objects());
                }
            }
            k = close + 1;
            if (k < t.size() && t.get(k).isPunct(",")) {
                k++;
                continue;
            }
            break;
        }
        if (k < t.size()) {
            Shape main = shape(text, t.subList(k, t.size()), dialect, origin, via, depth + 1, nested);
            kinds.addAll(main.kinds());
            if (objects.isEmpty() && !main.kinds().isEmpty()) {
                objectKind = main.objectKind();
                objects.addAll(main.objects());
            }
        }
        return new Shape(kinds, "WITH", objectKind, objects);
    }

    private static int close(List<Tok> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).isPunct("(")) {
                depth++;
            } else if (t.get(i).isPunct(")")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return t.size();
    }

    /** EXPLAIN ANALYZE runs the statement it explains: then it destroys what that statement destroys. */
    private Shape explain(String text, List<Tok> t, SqlDialect dialect, TextOrigin origin, String via, int depth,
                          List<SqlSubject> nested) {
        int k = 1;
        boolean analyze = false;
        while (k < t.size()) {
            Tok x = t.get(k);
            if (x.isWord("ANALYZE") || x.isWord("ANALYSE")) {
                analyze = true;
                k++;
            } else if (x.isWord("VERBOSE") || x.isWord("EXTENDED") || x.isWord("QUERY") || x.isWord("PLAN")
                    || x.isWord("FORMAT") && k + 1 < t.size() && t.get(k + 1).type() == Type.WORD) {
                k += x.isWord("FORMAT") ? 2 : 1;
            } else if (x.isWord("FORMAT") && k + 2 < t.size() && t.get(k + 1).isPunct("=")) {
                k += 3;
            } else if (x.isPunct("(")) {
                int c = close(t, k);
                analyze |= optionListAnalyzes(t.subList(k + 1, Math.min(c, t.size())));
                k = c + 1;
            } else {
                break;
            }
        }
        if (k >= t.size()) {
            return Shape.none("EXPLAIN");
        }
        Shape inner = shape(text, t.subList(k, t.size()), dialect, origin, via, depth + 1, new ArrayList<>());
        String innerVerb = inner.verb();
        boolean write = WRITE_VERBS.contains(innerVerb) || inner.kinds().contains(SqlKind.WRITE_IN_CTE)
                || innerVerb.equals("CREATE") || innerVerb.equals("WITH") && !inner.kinds().isEmpty();
        if (!analyze || !write) {
            return Shape.none("EXPLAIN");
        }
        Set<SqlKind> kinds = EnumSet.of(SqlKind.EXPLAIN_ANALYZE_WRITE);
        kinds.addAll(inner.kinds());
        return new Shape(kinds, "EXPLAIN", inner.objectKind(), inner.objects());
    }

    /** {@code (ANALYZE, BUFFERS)}, {@code (ANALYZE true)}, {@code (ANALYZE on)}; not {@code (ANALYZE false)}. */
    private static boolean optionListAnalyzes(List<Tok> opts) {
        for (int i = 0; i < opts.size(); i++) {
            if (opts.get(i).isWord("ANALYZE") || opts.get(i).isWord("ANALYSE")) {
                if (i + 1 < opts.size()) {
                    Tok v = opts.get(i + 1);
                    String val = v.value().toUpperCase(Locale.ROOT);
                    if (val.equals("FALSE") || val.equals("OFF") || val.equals("0") || val.equals("NO")) {
                        continue;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** Reads every string literal and dollar-quoted body of the statement as SQL of its own. */
    private void literals(String text, List<Tok> t, SqlDialect dialect, TextOrigin origin, String via, int depth,
                          List<SqlSubject> nested) {
        if (depth >= MAX_NESTING) {
            return;
        }
        for (Tok x : t) {
            if (x.type() == Type.STRING && !x.value().isBlank()) {
                boolean verbatim = x.value().equals(text.substring(x.innerStart(), x.innerEnd()));
                TextOrigin inner = origin.sub(x.innerStart(), x.innerEnd(), verbatim);
                List<SqlSubject> found = new ArrayList<>();
                readAll(blockWordsAsSeparators(x.value()), SqlLexer.Options.of(dialect), dialect, inner, via,
                        depth + 1, found);
                found.stream().filter(s -> !s.kinds().isEmpty()).forEach(nested::add);
            }
        }
    }

    private static final java.util.regex.Pattern BLOCK_WORDS =
            java.util.regex.Pattern.compile("(?i)\\b(BEGIN|END(\\s+(IF|LOOP))?|DECLARE|THEN|ELSE|LOOP)\\b");

    /**
     * PL/pgSQL and T-SQL block words ({@code BEGIN DROP TABLE x; END}) become statement separators, so the
     * statement after them is read from its own first word. Offsets are kept (same length).
     */
    private static String blockWordsAsSeparators(String body) {
        java.util.regex.Matcher m = BLOCK_WORDS.matcher(body);
        StringBuilder sb = null;
        while (m.find()) {
            if (sb == null) {
                sb = new StringBuilder(body);
            }
            for (int i = m.start(); i < m.end(); i++) {
                sb.setCharAt(i, ' ');
            }
            sb.setCharAt(m.start(), ';');
        }
        return sb == null ? body : sb.toString();
    }

    /** {@code SELECT 'DROP TABLE ' || name FROM … \gexec} runs each result as SQL: read the literals as SQL. */
    private void generated(String text, List<Tok> query, SqlDialect dialect, TextOrigin origin, String via, int depth,
                           List<SqlSubject> out) {
        if (depth >= MAX_NESTING) {
            return;
        }
        for (Tok x : query) {
            if (x.type() == Type.STRING && !x.value().isBlank()) {
                boolean verbatim = x.value().equals(text.substring(x.innerStart(), x.innerEnd()));
                List<SqlSubject> found = new ArrayList<>();
                readAll(x.value(), SqlLexer.Options.of(dialect), dialect,
                        origin.sub(x.innerStart(), x.innerEnd(), verbatim), via + (via.isEmpty() ? "" : " → ") + "\\gexec",
                        depth + 1, found);
                found.stream().filter(s -> !s.kinds().isEmpty()).forEach(out::add);
            }
        }
    }
}
