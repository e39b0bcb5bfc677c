package dev.interlock.policy.sql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.policy.Deriver;
import dev.interlock.policy.Subject;
import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.TextOrigin;
import dev.interlock.policy.mcp.McpSubject;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The statements an MCP database tool runs: a string argument named {@code sql}, {@code query},
 * {@code statement}(s) or {@code script} of a tool whose server or tool name says it talks to a database
 * (postgres, mysql, sqlite, supabase, neon, turso, d1, mongo, redis, …), or any argument named {@code sql}.
 * Spans cover the whole arguments text (the value was decoded from JSON).
 */
public final class McpSqlDeriver implements Deriver {
    private static final Set<String> SQL_ARGUMENTS = Set.of("sql", "query", "statement", "statements", "script",
            "command", "commands", "sql_query", "querytext", "query_text");
    private static final Pattern DATABASE_NAMES = Pattern.compile(
            "(?i)postgres|pg|sql|mysql|maria|sqlite|supabase|neon|turso|libsql|d1|cockroach|clickhouse|duckdb|"
                    + "bigquery|snowflake|database|\\bdb|db\\b|mongo|redis|valkey|planetscale|tidb|mssql");

    @Override
    public String subjectType() {
        return McpSubject.TYPE;
    }

    @Override
    public void derive(Subject subject, SubjectSink sink) {
        if (!(subject instanceof McpSubject m) || !m.arguments().isObject()) {
            return;
        }
        String names = m.server() + " " + m.tool();
        boolean databaseTool = DATABASE_NAMES.matcher(names).find();
        String lower = names.toLowerCase(Locale.ROOT);
        String language = lower.contains("mongo") ? "mongo" : lower.contains("redis") || lower.contains("valkey")
                ? "redis" : "sql";
        TextOrigin origin = new TextOrigin(m.origin().field(), m.origin().start(), m.origin().end(), false,
                m.origin().whole());
        Iterator<Map.Entry<String, JsonNode>> it = m.arguments().fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().toLowerCase(Locale.ROOT);
            boolean carries = key.equals("sql") || databaseTool && SQL_ARGUMENTS.contains(key);
            if (!carries) {
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                add(v.asText(), language, origin, m, sink);
            } else if (v.isArray()) {
                for (JsonNode item : v) {
                    if (item.isTextual()) {
                        add(item.asText(), language, origin, m, sink);
                    }
                }
            }
        }
    }

    private static void add(String text, String language, TextOrigin origin, McpSubject m, SubjectSink sink) {
        for (SqlSubject s : SqlSubjects.of(text, language, SqlDialect.GENERIC, origin, "mcp " + m.server() + "/" + m.tool())) {
            sink.add(s);
        }
    }
}
