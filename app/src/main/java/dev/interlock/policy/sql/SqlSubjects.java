package dev.interlock.policy.sql;

import dev.interlock.policy.TextOrigin;
import java.util.List;
import java.util.Locale;

/**
 * The entry point for anything that carries database statements: the client derivers here, SQL-over-HTTP
 * endpoints (Supabase, Neon, Turso, D1), MCP tools. Returns one subject per statement; read-only statements
 * come back too, with no {@linkplain SqlSubject#kinds() kinds}, so no destructive rule matches them.
 */
public final class SqlSubjects {
    private static final SqlClassifier CLASSIFIER = SqlClassifier.standard();

    private SqlSubjects() {
    }

    /**
     * @param text     the statements ({@code sql}), a mongo shell script ({@code mongo}) or Redis commands one per
     *                 line ({@code redis})
     * @param language {@code sql}, {@code mongo} or {@code redis}
     * @param origin   where {@code text} sits in the action, so spans point into the original input
     */
    public static List<SqlSubject> of(String text, String language, TextOrigin origin) {
        return of(text, language, SqlDialect.GENERIC, origin, "");
    }

    /** As {@link #of(String, String, TextOrigin)}, with the client's SQL dialect and an explain note. */
    public static List<SqlSubject> of(String text, String language, SqlDialect dialect, TextOrigin origin, String via) {
        return switch (language.toLowerCase(Locale.ROOT)) {
            case "sql" -> CLASSIFIER.classify(text, dialect, origin, via);
            case "mongo" -> MongoClassifier.classify(text, origin, via);
            case "redis" -> RedisClassifier.script(text, origin, via);
            default -> throw new IllegalArgumentException("unknown statement language '" + language
                    + "' (expected sql, mongo or redis)");
        };
    }

    /** A dialect by a loose name: postgres/postgresql/pg, mysql/mariadb, sqlite/libsql/d1, mssql/sqlserver, … */
    public static SqlDialect dialect(String name) {
        if (name == null) {
            return SqlDialect.GENERIC;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "postgres", "postgresql", "pg", "neon", "supabase", "cockroach", "cockroachdb" -> SqlDialect.POSTGRES;
            case "mysql", "mariadb", "planetscale", "tidb" -> SqlDialect.MYSQL;
            case "sqlite", "sqlite3", "libsql", "turso", "d1" -> SqlDialect.SQLITE;
            case "mssql", "sqlserver", "tsql", "azuresql" -> SqlDialect.MSSQL;
            case "bigquery", "bq" -> SqlDialect.BIGQUERY;
            case "clickhouse" -> SqlDialect.CLICKHOUSE;
            default -> SqlDialect.GENERIC;
        };
    }
}
