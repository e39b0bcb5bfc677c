package dev.interlock.policy.sql;

import dev.interlock.policy.sql.SqlLexer.Tok;
import dev.interlock.policy.sql.SqlLexer.Type;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.schema.Column;

/**
 * Recognises a WHERE condition that holds for every row ({@code 1=1}, {@code true}, {@code x = x},
 * {@code … OR 'a'='a'}, {@code name LIKE '%'}): such a filter deletes or updates as much as no filter.
 * Only conditions that are certainly (or for all non-null rows) true count; anything unknown is not one.
 */
final class Tautology {
    private Tautology() {
    }

    // ---- over JSqlParser's expression tree

    /** TRUE, FALSE, or null when it depends on the row (or cannot be told). */
    static Boolean truth(Expression e) {
        if (e instanceof Parenthesis p) {
            return truth(p.getExpression());
        }
        if (e instanceof ExpressionList<?> list) {
            return list.size() == 1 ? truth(list.get(0)) : null;
        }
        if (e instanceof OrExpression or) {
            Boolean l = truth(or.getLeftExpression());
            Boolean r = truth(or.getRightExpression());
            if (l == Boolean.TRUE || r == Boolean.TRUE) {
                return true;
            }
            return l == Boolean.FALSE && r == Boolean.FALSE ? Boolean.FALSE : null;
        }
        if (e instanceof AndExpression and) {
            Boolean l = truth(and.getLeftExpression());
            Boolean r = truth(and.getRightExpression());
            if (l == Boolean.FALSE || r == Boolean.FALSE) {
                return false;
            }
            return l == Boolean.TRUE && r == Boolean.TRUE ? Boolean.TRUE : null;
        }
        if (e instanceof NotExpression not) {
            Boolean v = truth(not.getExpression());
            return v == null ? null : !v;
        }
        if (e instanceof BooleanValue b) {
            return b.getValue();
        }
        if (e instanceof LongValue || e instanceof DoubleValue) {
            BigDecimal v = number(e.toString());
            return v == null ? null : v.signum() != 0;
        }
        if (e instanceof LikeExpression like && !like.isNot()) {
            return like.getRightExpression() instanceof StringValue s && s.getValue().matches("%+") ? Boolean.TRUE : null;
        }
        if (e instanceof ComparisonOperator cmp) {
            return compare(literal(cmp.getLeftExpression()), cmp.getStringExpression(), literal(cmp.getRightExpression()));
        }
        return null;
    }

    /** A comparable form of a literal or a column ("col:" prefix), or null. */
    private static String literal(Expression e) {
        if (e instanceof Parenthesis p) {
            return literal(p.getExpression());
        }
        if (e instanceof ExpressionList<?> list && list.size() == 1) {
            return literal(list.get(0));
        }
        if (e instanceof LongValue || e instanceof DoubleValue) {
            return "num:" + e;
        }
        if (e instanceof StringValue s) {
            return "str:" + s.getValue();
        }
        if (e instanceof BooleanValue b) {
            return "num:" + (b.getValue() ? 1 : 0);
        }
        if (e instanceof Column c) {
            String n = c.getFullyQualifiedName().toLowerCase(Locale.ROOT);
            if (n.equals("true") || n.equals("false")) {
                return "num:" + (n.equals("true") ? 1 : 0);
            }
            return "col:" + n.replace("\"", "").replace("`", "");
        }
        return null;
    }

    private static Boolean compare(String l, String op, String r) {
        if (l == null || r == null) {
            return null;
        }
        if (l.startsWith("col:") || r.startsWith("col:")) {
            // x = x holds for every row where x is not null; x = y says nothing
            if (l.equals(r)) {
                return switch (op) {
                    case "=", "==", ">=", "<=" -> Boolean.TRUE;
                    case "<>", "!=", "<", ">" -> Boolean.FALSE;
                    default -> null;
                };
            }
            return null;
        }
        int c;
        BigDecimal a = l.startsWith("num:") ? number(l.substring(4)) : null;
        BigDecimal b = r.startsWith("num:") ? number(r.substring(4)) : null;
        if (a != null && b != null) {
            c = a.compareTo(b);
        } else if (l.startsWith("str:") && r.startsWith("str:")) {
            c = l.substring(4).compareTo(r.substring(4));
        } else {
            return null;
        }
        return switch (op) {
            case "=", "==" -> c == 0;
            case "<>", "!=" -> c != 0;
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            case ">=" -> c >= 0;
            default -> null;
        };
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    // ---- over tokens, where the parser gave up

    /** The condition tokens (after WHERE, up to the end of the clause) hold for every row. */
    static boolean holds(List<Tok> cond) {
        return truth(cond) == Boolean.TRUE;
    }

    /** TRUE, FALSE, or null when it depends on the row or cannot be told from the tokens. */
    static Boolean truth(List<Tok> cond) {
        return tokTruth(cond, 0);
    }

    private static final int MAX_DEPTH = 64;
    private static final java.util.Set<String> NOT_COLUMNS = java.util.Set.of("AND", "OR", "NOT", "IS", "NULL", "TRUE",
            "FALSE", "LIKE", "ILIKE", "IN", "BETWEEN", "EXISTS", "SELECT", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST",
            "AS", "INT", "INTEGER", "TEXT", "VARCHAR", "BOOLEAN", "DATE", "TIMESTAMP", "INTERVAL", "XOR", "DIV", "MOD",
            "COLLATE", "ESCAPE", "SIMILAR", "TO", "DISTINCT", "FROM", "UNKNOWN", "CURRENT_DATE", "CURRENT_TIMESTAMP",
            "CURRENT_TIME", "LOCALTIMESTAMP", "LOCALTIME");

    /** The condition mentions a column (a name that is neither a keyword nor a function being called). */
    static boolean readsAColumn(List<Tok> t) {
        for (int i = 0; i < t.size(); i++) {
            Tok x = t.get(i);
            if (x.type() == Type.QUOTED_IDENT) {
                return true;
            }
            if (x.type() == Type.WORD && !NOT_COLUMNS.contains(x.value())
                    && !(i + 1 < t.size() && t.get(i + 1).isPunct("("))) {
                return true;
            }
        }
        return false;
    }

    private static Boolean tokTruth(List<Tok> t, int depth) {
        if (depth > MAX_DEPTH) {
            return null;
        }
        List<List<Tok>> ors = splitTop(t, "OR", "||");
        if (ors.size() > 1) {
            boolean allFalse = true;
            for (List<Tok> part : ors) {
                Boolean v = tokTruth(part, depth + 1);
                if (v == Boolean.TRUE) {
                    return true;
                }
                allFalse &= v == Boolean.FALSE;
            }
            return allFalse ? Boolean.FALSE : null;
        }
        List<List<Tok>> ands = splitTop(t, "AND", "&&");
        if (ands.size() > 1) {
            boolean allTrue = true;
            for (List<Tok> part : ands) {
                Boolean v = tokTruth(part, depth + 1);
                if (v == Boolean.FALSE) {
                    return false;
                }
                allTrue &= v == Boolean.TRUE;
            }
            return allTrue ? Boolean.TRUE : null;
        }
        if (t.isEmpty()) {
            return null;
        }
        if (t.get(0).isWord("NOT") || t.get(0).isPunct("!")) {
            Boolean v = tokTruth(t.subList(1, t.size()), depth + 1);
            return v == null ? null : !v;
        }
        if (t.get(0).isPunct("(") && t.get(t.size() - 1).isPunct(")") && closesAtEnd(t)) {
            return tokTruth(t.subList(1, t.size() - 1), depth + 1);
        }
        if (t.size() == 1) {
            Tok a = t.get(0);
            if (a.isWord("TRUE")) {
                return true;
            }
            if (a.isWord("FALSE")) {
                return false;
            }
            if (a.type() == Type.NUMBER) {
                BigDecimal v = number(a.value());
                return v == null ? null : v.signum() != 0;
            }
            return null;
        }
        if (t.size() == 3 && t.get(1).type() == Type.PUNCT) {
            return compare(tokLiteral(t.get(0)), t.get(1).value(), tokLiteral(t.get(2)));
        }
        if (t.size() == 3 && t.get(1).isWord("LIKE") && t.get(2).type() == Type.STRING
                && t.get(2).value().matches("%+")) {
            return true;
        }
        return null;
    }

    private static boolean closesAtEnd(List<Tok> t) {
        int depth = 0;
        for (int k = 0; k < t.size(); k++) {
            if (t.get(k).isPunct("(")) {
                depth++;
            } else if (t.get(k).isPunct(")")) {
                depth--;
                if (depth == 0 && k < t.size() - 1) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    private static String tokLiteral(Tok a) {
        return switch (a.type()) {
            case NUMBER -> "num:" + a.value();
            case STRING -> "str:" + a.value();
            case QUOTED_IDENT -> "col:" + a.value().toLowerCase(Locale.ROOT);
            case WORD -> a.value().equals("TRUE") ? "num:1" : a.value().equals("FALSE") ? "num:0"
                    : a.value().equals("NULL") ? null : "col:" + a.value().toLowerCase(Locale.ROOT);
            default -> null;
        };
    }

    private static List<List<Tok>> splitTop(List<Tok> t, String word, String op) {
        List<List<Tok>> parts = new java.util.ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int k = 0; k < t.size(); k++) {
            Tok x = t.get(k);
            if (x.isPunct("(")) {
                depth++;
            } else if (x.isPunct(")")) {
                depth--;
            } else if (depth == 0 && (x.isWord(word) || x.isPunct(op))) {
                parts.add(t.subList(from, k));
                from = k + 1;
            }
        }
        parts.add(t.subList(from, t.size()));
        return parts;
    }
}
