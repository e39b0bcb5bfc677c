package dev.interlock.policy.sql;

import java.util.Arrays;
import java.util.Optional;

/** What a statement or command destroys; the words the {@code sql:} matcher's {@code kinds:} list takes. */
public enum SqlKind {
    DROP("drop"),
    TRUNCATE("truncate"),
    DELETE_WITHOUT_WHERE("delete-without-where"),
    UPDATE_WITHOUT_WHERE("update-without-where"),
    ALTER_DROP("alter-drop"),
    DROP_DATABASE("drop-database"),
    WRITE_IN_CTE("write-in-cte"),
    EXPLAIN_ANALYZE_WRITE("explain-analyze-write"),
    GRANT("grant"),
    REVOKE("revoke"),
    MONGO_DROP_DATABASE("mongo-drop-database"),
    MONGO_DROP("mongo-drop"),
    MONGO_DELETE_ALL("mongo-delete-all"),
    REDIS_FLUSHALL("redis-flushall"),
    REDIS_FLUSHDB("redis-flushdb"),
    REDIS_DEL_PATTERN("redis-del-pattern"),
    /** The client or server runs a shell command: psql {@code \!}, sqlite3 {@code .shell/.system}, COPY … PROGRAM. */
    SHELL_ESCAPE("shell-escape"),
    /** The statement comes from an expansion the shell analyser cannot resolve ({@code psql -c "$SQL"}). */
    UNRESOLVED("unresolved");

    private final String id;

    SqlKind(String id) {
        this.id = id;
    }

    /** The word used in packs, e.g. {@code delete-without-where}. */
    public String id() {
        return id;
    }

    public static Optional<SqlKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
