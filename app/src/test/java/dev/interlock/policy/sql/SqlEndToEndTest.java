package dev.interlock.policy.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.McpCall;
import dev.interlock.policy.Decision;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}
