package dev.interlock.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.Origin;
import dev.interlock.action.ShellCommand;
import dev.interlock.config.DataDir;
import dev.interlock.ui.AuditFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyset paging against the OFFSET query as the oracle, on a real SQLite file. */
class AuditKeysetTest {
    @TempDir
    Path home;
    private AuditLog log;

    @BeforeEach
    void open() throws Exception {
        AuditFixture.generate(home, 2_500, Instant.now(), Duration.ofHours(20), 11);
        log = AuditLog.open(new DataDir(home));
    }

    @AfterEach
    void close() {
        log.close();
    }

    private static List<Long> ids(List<AuditRecord> rows) {
        return rows.stream().map(AuditRecord::id).toList();
    }

    @Test
    void chainedKeysetPagesEqualTheOffsetPagesForEveryFilter() {
        for (String q : List.of("", "agent:cursor", "verdict:deny", "severity:critical kind:shell", "rm -rf", "workspace:/home/dev/infra")) {
            AuditFilter f = AuditFilter.parse(q);
            long total = log.count(f);
            List<Long> keyset = new ArrayList<>();
            long before = Long.MAX_VALUE;
            while (true) {
                List<AuditRecord> page = log.queryBefore(f, before, 97);
                if (page.isEmpty()) {
                    break;
                }
                keyset.addAll(ids(page));
                before = page.get(page.size() - 1).id();
            }
            assertEquals(ids(log.query(f, 0, (int) total + 10)), keyset, "filter '" + q + "'");
            assertEquals(total, keyset.size(), "filter '" + q + "'");
            assertTrue(total > 0, "fixture has rows for '" + q + "'");
        }
    }

    @Test
    void pagingUpwardsAndLocatingFarPagesAgreeWithOffsets() {
        AuditFilter f = AuditFilter.parse("agent:claude-code");
        List<AuditRecord> all = log.query(f, 0, 100_000);
        int n = all.size();
        assertTrue(n > 400);
        // the 50 rows just above row 300, newest first
        assertEquals(ids(all.subList(250, 300)), ids(log.queryAfter(f, all.get(300).id(), 50)));
        // locate from the top, from a known row, and from the bottom (ids only)
        assertEquals(all.get(0).id(), log.idBefore(f, Long.MAX_VALUE, 0));
        assertEquals(all.get(321).id(), log.idBefore(f, Long.MAX_VALUE, 321));
        assertEquals(all.get(321).id(), log.idBefore(f, all.get(100).id(), 220));
        assertEquals(all.get(n - 1).id(), log.idAfter(f, 0, 0));
        assertEquals(all.get(n - 40).id(), log.idAfter(f, 0, 39));
        assertEquals(0, log.idBefore(f, Long.MAX_VALUE, n), "past the end");
    }

    @Test
    void countThroughIgnoresRowsAppendedAfterTheSnapshot() {
        AuditFilter f = AuditFilter.ALL;
        long top = log.queryBefore(f, Long.MAX_VALUE, 1).get(0).id();
        long before = log.count(f);
        for (int i = 0; i < 5; i++) {
            log.recordAction(new ShellCommand("echo " + i, "/w"), Origin.of("codex", "s", "/w"), AuditLogTest.allow(), "");
        }
        assertEquals(before + 5, log.count(f));
        assertEquals(before, log.countThrough(f, top));
        assertEquals(5, ids(log.queryAfter(f, top, 100)).size());
        AuditFilter codex = AuditFilter.parse("agent:codex");
        assertEquals(log.count(codex) - 5, log.countThrough(codex, top));
    }

    /** The partial indexes' conditions that AuditSql adds must never change which rows a filter finds. */
    @Test
    void filtersForCommonAndRareValuesFindExactlyTheRowsPlainSqlFinds() throws Exception {
        log.recordAnswer(new dev.interlock.broker.PendingApproval("ap-1", new ShellCommand("rm -rf /srv"),
                Origin.of("cursor", "s", "/w"), dev.interlock.policy.Decision.of(List.of()), Instant.now(),
                Instant.now().plusSeconds(60), false, 1), new dev.interlock.broker.Resolution(dev.interlock.policy.Verdict.DENY,
                dev.interlock.policy.Decision.of(List.of()), "timeout", Duration.ofSeconds(60), "ap-1", "timed out"));
        log.attachResult(new ResultReport("cursor", null, null, 5, 0, "ok"));
        String[][] cases = {
            {"verdict:allow", "type <> 'result' AND verdict = 'allow'"},
            {"verdict:deny", "type <> 'result' AND verdict = 'deny'"},
            {"verdict:deny verdict:allow", "type <> 'result' AND verdict IN ('deny', 'allow')"},
            {"severity:low", "type <> 'result' AND severity = 'low'"},
            {"severity:high", "type <> 'result' AND severity = 'high'"},
            {"decided:policy", "type <> 'result' AND decided_by = 'policy'"},
            {"decided:timeout", "type <> 'result' AND (decided_by = 'timeout' OR decided_by LIKE 'timeout:%')"},
            {"type:answer", "type = 'answer'"},
            {"type:action", "type = 'action'"},
            {"type:result", "type = 'result'"},
        };
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + new DataDir(home).database());
             java.sql.Statement st = c.createStatement()) {
            for (String[] k : cases) {
                List<Long> expected = new ArrayList<>();
                try (java.sql.ResultSet rs = st.executeQuery("SELECT id FROM audit WHERE " + k[1] + " ORDER BY id DESC")) {
                    while (rs.next()) {
                        expected.add(rs.getLong(1));
                    }
                }
                AuditFilter f = AuditFilter.parse(k[0]);
                assertTrue(!expected.isEmpty(), "the fixture has rows for " + k[0]);
                assertEquals(expected.size(), log.count(f), k[0]);
                assertEquals(expected, ids(log.query(f, 0, expected.size() + 10)), k[0]);
            }
        }
        assertPlanSeeks(AuditFilter.parse("type:answer"), "audit_type");
    }

    @Test
    void keysetPagesSeekByIndexInsteadOfScanning() {
        assertPlanSeeks(AuditFilter.ALL, "INTEGER PRIMARY KEY");
        assertPlanSeeks(AuditFilter.parse("agent:cursor"), "audit_agent");
        assertPlanSeeks(AuditFilter.parse("verdict:deny"), "audit_verdict");
        assertPlanSeeks(AuditFilter.parse("severity:critical"), "audit_severity");
        assertPlanSeeks(AuditFilter.parse("decided:timeout"), "");
    }

    private void assertPlanSeeks(AuditFilter f, String index) {
        List<String> plan = log.keysetPlan(f);
        String outer = plan.stream().filter(l -> l.matches("(SEARCH|SCAN) a\\b.*")).findFirst().orElse(String.join(" | ", plan));
        assertTrue(outer.startsWith("SEARCH a USING"), "the page seeks, it does not scan: " + plan);
        assertTrue(outer.contains(index), "uses " + index + ": " + plan);
        assertTrue(outer.contains("id<?") || outer.contains("rowid<?"), "the keyset bound is part of the seek: " + plan);
        assertFalse(plan.stream().anyMatch(l -> l.contains("TEMP B-TREE")), "no sort of the whole match: " + plan);
    }
}
