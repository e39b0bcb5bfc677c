package dev.interlock.policy.sql;

import dev.interlock.policy.TextOrigin;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a mongo shell script ({@code mongosh --eval '…'}, a heredoc): splits it at top-level {@code ;} and finds
 * calls that drop a database or collection or delete every document. Comments are ignored and string contents
 * cannot fake a call ({@code print("db.dropDatabase()")} is not one); collection and database names are read
 * from the strings that name them.
 */
final class MongoClassifier {
    private static final Pattern DROP_DATABASE = Pattern.compile(
            "(?:getSiblingDB\\s*\\(\\s*(['\"`])(?<db>[^'\"`]*)\\1\\s*\\)\\s*)?\\.\\s*dropDatabase\\s*\\(");
    private static final Pattern RUN_DROP_DATABASE = Pattern.compile(
            "(?:runCommand|adminCommand|command)\\s*\\(\\s*\\{\\s*['\"]?dropDatabase['\"]?\\s*:");
    private static final Pattern DROP = Pattern.compile(
            "(?:\\bdb\\s*\\.\\s*(?<plain>[A-Za-z_$][\\w$]*)|getCollection\\s*\\(\\s*(['\"`])(?<named>[^'\"`]*)\\2\\s*\\)"
                    + "|\\[\\s*(['\"`])(?<indexed>[^'\"`]*)\\4\\s*\\])?\\s*\\.\\s*drop\\s*\\(\\s*(?:\\{[^)]*)?\\)");
    private static final Pattern RUN_DROP = Pattern.compile(
            "(?:runCommand|command)\\s*\\(\\s*\\{\\s*['\"]?drop['\"]?\\s*:\\s*(['\"`])(?<coll>[^'\"`]*)\\1");
    private static final Pattern DELETE_ALL = Pattern.compile(
            "\\.\\s*(?:deleteMany|remove)\\s*\\(\\s*(?:\\{\\s*\\}\\s*)?[,)]"
                    + "|deleteMany\\s*['\"]?\\s*:\\s*\\{\\s*['\"]?filter['\"]?\\s*:\\s*\\{\\s*\\}");
    /** A filter every document passes: {@code {_id: {$exists: true}}}, {@code {"_id": {"$ne": null}}}. */
    private static final Pattern DELETE_ALL_BY_ID = Pattern.compile(
            "\\.\\s*(?:deleteMany|remove)\\s*\\(\\s*\\{\\s*(?<key>_id|[\"'][_]+[\"'])\\s*:\\s*\\{\\s*"
                    + "(?<op>\\$\\w+|[\"'][_]+[\"'])\\s*:\\s*(?:true|1|null)\\s*\\}\\s*\\}\\s*[,)]");
    private static final Pattern UPDATE_ALL = Pattern.compile(
            "\\.\\s*(?:updateMany|update)\\s*\\(\\s*\\{\\s*\\}\\s*,");
    private static final Pattern DROP_DATABASE_FROM_DB = Pattern.compile(
            "\\bdb\\s*\\.\\s*getSiblingDB\\s*\\(\\s*(['\"`])(?<db>[^'\"`]*)\\1");

    private MongoClassifier() {
    }

    static List<SqlSubject> classify(String js, TextOrigin origin, String via) {
        String masked = mask(js);
        List<SqlSubject> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i <= masked.length(); i++) {
            char c = i < masked.length() ? masked.charAt(i) : ';';
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == ';' && (depth == 0 || i == masked.length())) {
                statement(js, masked, from, i, origin, via, out);
                from = i + 1;
            }
        }
        return out;
    }

    private static void statement(String js, String masked, int from, int to, TextOrigin origin, String via,
                                  List<SqlSubject> out) {
        while (from < to && Character.isWhitespace(masked.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(masked.charAt(to - 1))) {
            to--;
        }
        if (from >= to) {
            return;
        }
        String m = masked.substring(from, to);
        String text = js.substring(from, to);
        Set<SqlKind> kinds = EnumSet.noneOf(SqlKind.class);
        String objectKind = null;
        List<String> objects = new ArrayList<>();
        Matcher dd = DROP_DATABASE.matcher(m);
        if (dd.find() || RUN_DROP_DATABASE.matcher(m).find()) {
            kinds.add(SqlKind.MONGO_DROP_DATABASE);
            objectKind = "database";
            String db = dd.find(0) && dd.group("db") != null ? text.substring(dd.start("db"), dd.end("db")) : null;
            if (db == null) {
                Matcher sib = DROP_DATABASE_FROM_DB.matcher(m);
                db = sib.find() ? text.substring(sib.start("db"), sib.end("db")) : null;
            }
            if (db != null) {
                objects.add(db);
            }
        }
        Matcher d = DROP.matcher(m);
        while (d.find()) {
            kinds.add(SqlKind.MONGO_DROP);
            if (objectKind == null) {
                objectKind = "collection";
            }
            for (String g : List.of("plain", "named", "indexed")) {
                if (d.group(g) != null && !d.group(g).equals("getCollection")) {
                    objects.add(text.substring(d.start(g), d.end(g)));
                }
            }
        }
        Matcher rd = RUN_DROP.matcher(m);
        while (rd.find()) {
            kinds.add(SqlKind.MONGO_DROP);
            objectKind = objectKind == null ? "collection" : objectKind;
            objects.add(text.substring(rd.start("coll"), rd.end("coll")));
        }
        if (DELETE_ALL.matcher(m).find() || everyIdMatches(m, text)) {
            kinds.add(SqlKind.MONGO_DELETE_ALL);
        }
        if (UPDATE_ALL.matcher(m).find()) {
            kinds.add(SqlKind.UPDATE_WITHOUT_WHERE);
        }
        String verb = m.strip().split("[^\\w$.]", 2)[0];
        out.add(new SqlSubject("mongo", text, kinds, verb, objectKind, objects, origin.sub(from, to, true), via));
    }

    private static boolean everyIdMatches(String masked, String text) {
        Matcher x = DELETE_ALL_BY_ID.matcher(masked);
        while (x.find()) {
            String key = text.substring(x.start("key"), x.end("key")).replaceAll("[\"']", "");
            String op = text.substring(x.start("op"), x.end("op")).replaceAll("[\"']", "");
            if (key.equals("_id") && (op.equals("$exists") || op.equals("$ne"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Same length as the script: comments become spaces, string contents become {@code _} (quotes kept), so
     * patterns see only code and offsets still point into the script.
     */
    static String mask(String js) {
        StringBuilder sb = new StringBuilder(js);
        int n = js.length();
        int i = 0;
        while (i < n) {
            char c = js.charAt(i);
            if (c == '/' && i + 1 < n && js.charAt(i + 1) == '/') {
                while (i < n && js.charAt(i) != '\n') {
                    sb.setCharAt(i++, ' ');
                }
            } else if (c == '/' && i + 1 < n && js.charAt(i + 1) == '*') {
                int end = js.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                while (i < end) {
                    sb.setCharAt(i++, ' ');
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                int j = i + 1;
                while (j < n && js.charAt(j) != c) {
                    if (js.charAt(j) == '\\') {
                        sb.setCharAt(j++, '_');
                    }
                    if (j < n) {
                        sb.setCharAt(j++, '_');
                    }
                }
                if (j >= n) {
                    // never closed: do not let it hide the rest
                    i++;
                    continue;
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return sb.toString();
    }
}
