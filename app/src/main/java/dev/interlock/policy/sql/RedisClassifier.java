package dev.interlock.policy.sql;

import dev.interlock.policy.TextOrigin;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads Redis commands: FLUSHALL, FLUSHDB, and Lua scripts that delete keys found by pattern. */
final class RedisClassifier {
    private static final Pattern LUA_KEYS = Pattern.compile("(?i)\\b(?:p?call)\\s*\\(\\s*['\"](?:keys|scan)['\"]");
    private static final Pattern LUA_DEL = Pattern.compile("(?i)\\b(?:p?call)\\s*\\(\\s*['\"](?:del|unlink)['\"]");
    private static final Pattern LUA_FLUSHALL = Pattern.compile("(?i)\\b(?:p?call)\\s*\\(\\s*['\"]flushall['\"]");
    private static final Pattern LUA_FLUSHDB = Pattern.compile("(?i)\\b(?:p?call)\\s*\\(\\s*['\"]flushdb['\"]");

    private RedisClassifier() {
    }

    /**
     * One command, as its words.
     *
     * @param keysFromInput the keys come from standard input ({@code … | xargs redis-cli del}): a key list
     *                      produced by a scan, so a DEL of it deletes by pattern
     */
    static SqlSubject command(List<String> words, boolean keysFromInput, TextOrigin origin, String via) {
        Set<SqlKind> kinds = EnumSet.noneOf(SqlKind.class);
        String verb = words.isEmpty() ? "" : words.get(0).toUpperCase(Locale.ROOT);
        String objectKind = null;
        switch (verb) {
            case "FLUSHALL" -> {
                kinds.add(SqlKind.REDIS_FLUSHALL);
                objectKind = "database";
            }
            case "FLUSHDB" -> {
                kinds.add(SqlKind.REDIS_FLUSHDB);
                objectKind = "database";
            }
            case "DEL", "UNLINK" -> {
                if (keysFromInput) {
                    kinds.add(SqlKind.REDIS_DEL_PATTERN);
                    objectKind = "keys";
                }
            }
            case "EVAL", "EVAL_RO", "SCRIPT", "FUNCTION", "EVALSHA" -> {
                String script = String.join(" ", words);
                if (LUA_FLUSHALL.matcher(script).find()) {
                    kinds.add(SqlKind.REDIS_FLUSHALL);
                }
                if (LUA_FLUSHDB.matcher(script).find()) {
                    kinds.add(SqlKind.REDIS_FLUSHDB);
                }
                if (LUA_KEYS.matcher(script).find() && LUA_DEL.matcher(script).find()) {
                    kinds.add(SqlKind.REDIS_DEL_PATTERN);
                    objectKind = "keys";
                }
            }
            default -> {
            }
        }
        return new SqlSubject("redis", String.join(" ", words), kinds, verb, objectKind, List.of(), origin, via);
    }

    /** Commands one per line, as {@code redis-cli} reads them from standard input. */
    static List<SqlSubject> script(String text, TextOrigin origin, String via) {
        List<SqlSubject> out = new ArrayList<>();
        int lineStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                String line = text.substring(lineStart, i);
                List<String> words = words(line);
                if (!words.isEmpty()) {
                    out.add(command(words, false, origin.sub(lineStart, i, true), via));
                }
                lineStart = i + 1;
            }
        }
        return out;
    }

    /** Splits a redis-cli input line into words: double quotes with escapes, single quotes verbatim. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                if (c == '"' || c == '\'') {
                    quote = c;
                } else {
                    cur.append(c);
                }
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }
}
