package dev.interlock.policy.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.McpCall;
import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Decision;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled packs, the real engine, actions in; decisions out. */
class SqlEndToEndTest {
    static PolicyEngine engine;

    @BeforeAll
    static void load() throws PackException {
        engine = Policies.bundled();
    }

    static RuleMatch only(Decision d, String qualifiedId) {
        return d.matches().stream().filter(m -> m.qualifiedId().equals(qualifiedId)).findFirst()
                .orElseThrow(() -> new AssertionError(qualifiedId + " not in " + d.matches()));
    }

    @Test
    void anMcpDatabaseToolDroppingATableIsAsked() {
        String args = "{\"sql\": \"select 1; DROP TABLE public.orders\"}";
        Decision d = engine.evaluate(new McpCall("postgres", "query", args));
        assertEquals(Verdict.ASK, d.verdict());
        RuleMatch m = only(d, "sql/drop-table");
        assertEquals("public.orders", m.target());
        assertEquals("arguments", m.span().field());
    }

    @Test
    void aReadOnlyMcpQueryIsAllowed() {
        Decision d = engine.evaluate(new McpCall("postgres", "query",
                "{\"sql\": \"SELECT 'DROP TABLE x' AS s -- TRUNCATE users\"}"));
        assertEquals(Verdict.ALLOW, d.verdict(), d.matches().toString());
    }

    @Test
    void aNonDatabaseToolsQueryArgumentIsNotReadAsSql() {
        Decision d = engine.evaluate(new McpCall("web-search", "search", "{\"query\": \"drop table users\"}"));
        assertEquals(Verdict.ALLOW, d.verdict(), d.matches().toString());
    }

    @Test
    void explainAnalyzeOfAnUnfilteredDeleteIsBothRules() {
        Decision d = engine.evaluate(new McpCall("neon", "run_sql",
                "{\"sql\": \"EXPLAIN ANALYZE DELETE FROM users\"}"));
        only(d, "sql/explain-analyze-write");
        only(d, "sql/delete-without-where");
        assertTrue(d.matches().size() >= 2);
    }

    static Decision check(String script) {
        return engine.evaluate(new ShellCommand(script, "/home/dev/project"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " ==> ", quoteCharacter = '`', value = {
            "psql -c 'DROP TABLE users' ==> sql/drop-table",
            "sudo -u postgres psql -d prod -c 'TRUNCATE events' ==> sql/truncate",
            "bash -c \"psql -c 'DELETE FROM users'\" ==> sql/delete-without-where",
            "ssh db1 \"mysql -e 'DROP DATABASE shop'\" ==> sql/drop-database",
            "docker exec -i pg psql -U postgres -c 'ALTER TABLE users DROP COLUMN email' ==> sql/alter-drop",
            "kubectl exec -it pg-0 -- psql -c 'GRANT ALL ON users TO anon' ==> sql/grant",
            "npx wrangler d1 execute prod --remote --command='DELETE FROM sessions' ==> sql/delete-without-where",
            "cd /srv && sqlite3 app.db 'UPDATE users SET admin = 1' ==> sql/update-without-where",
            "redis-cli --scan --pattern 'sess:*' | xargs -L 100 redis-cli del ==> databases/redis-del-pattern",
            "env REDISCLI_AUTH=x redis-cli -h cache flushall ==> databases/redis-flushall",
            "mongosh \"$MONGO_URL\" --eval 'db.getSiblingDB(\"shop\").dropDatabase()' ==> databases/mongo-drop-database",
            "dropdb -h db.internal prod && echo done ==> databases/dropdb"})
    void destructiveCommandsAreAsked(String script, String rule) {
        Decision d = check(script);
        assertEquals(Verdict.ASK, d.verdict(), d.matches().toString());
        only(d, rule);
    }

    @Test
    void aHeredocStatementIsReportedAtItsOwnSpan() {
        String script = "psql -h db <<'SQL'\nSELECT 1;\nDROP TABLE users;\nSQL";
        RuleMatch m = only(check(script), "sql/drop-table");
        assertEquals("DROP TABLE users", m.span().text());
        assertEquals(script.indexOf("DROP"), m.span().start());
        assertEquals("users", m.target());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "psql -c 'select 1'",
            "psql -c \"SELECT 'DROP TABLE users'\"",
            "psql -c 'SELECT 1 -- DROP TABLE users'",
            "psql -h db <<'SQL'\n\\d users\nSELECT count(*) FROM users;\nSQL",
            "pg_dump --clean prod > prod.sql",
            "pg_restore -l backup.dump",
            "redis-cli get flushall",
            "redis-cli --scan --pattern 'sess:*' | wc -l",
            "mysqladmin status",
            "mysql -e 'SHOW TABLES'",
            "mongosh --eval 'db.users.find({})'",
            "sqlite3 app.db .tables",
            "echo 'DROP TABLE users' > notes.txt"})
    void readOnlyLookAlikesAreAllowed(String script) {
        Decision d = check(script);
        assertEquals(Verdict.ALLOW, d.verdict(), d.matches().toString());
    }
}
