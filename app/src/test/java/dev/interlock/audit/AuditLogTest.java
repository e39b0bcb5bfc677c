package dev.interlock.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.FileAccess;
import dev.interlock.action.HttpCall;
import dev.interlock.action.Origin;
import dev.interlock.action.ShellCommand;
import dev.interlock.broker.Resolution;
import dev.interlock.policy.Decision;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Severity;
import dev.interlock.policy.Span;
import dev.interlock.policy.Verdict;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path tmp;

    static final SecretMasker MASKER = new SecretMasker(new byte[32]);

    static Resolution allow() {
        return new Resolution(Verdict.ALLOW, Decision.allow(), "policy", Duration.ZERO, null, "");
    }

    static Resolution denied(String by) {
        RuleMatch m = new RuleMatch("test", "rm", Severity.HIGH, Verdict.ASK, "Deletes things.",
                new Span("command", 0, 2, "rm"), null);
        return new Resolution(Verdict.DENY, Decision.of(List.of(m)), by, Duration.ofMillis(1500), "abc123", "no");
    }

    private AuditLog open() {
        return AuditLog.open(tmp.resolve("interlock.db"), MASKER);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("interlock.db"));
             Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private void fill(AuditLog log, int n) {
        for (int i = 0; i < n; i++) {
            log.recordAction(new ShellCommand("echo " + i, "/w"), Origin.of(i % 2 == 0 ? "claude-code" : "cursor", "s", "/w"),
                    i % 3 == 0 ? denied("timeout") : allow(), "reply " + i);
        }
    }

    @Test
    void anIntactChainVerifies() {
        try (AuditLog log = open()) {
            fill(log, 20);
            VerifyReport r = log.verify();
            assertTrue(r.ok(), r.problem());
            assertEquals(20, r.rowsChecked());
        }
    }

    @Test
    void anEditedRowIsCaughtByItsId() throws Exception {
        try (AuditLog log = open()) {
            fill(log, 10);
        }
        sql("UPDATE audit SET verdict = 'allow' WHERE id = 4");
        VerifyReport r = AuditLog.verify(tmp.resolve("interlock.db"));
        assertFalse(r.ok());
        assertEquals(4, r.brokenAtId());
        assertTrue(r.problem().contains("changed"), r.problem());
    }

    @Test
    void aDeletedRowInTheMiddleIsCaught() throws Exception {
        try (AuditLog log = open()) {
            fill(log, 10);
        }
        sql("DELETE FROM audit WHERE id = 6");
        VerifyReport r = AuditLog.verify(tmp.resolve("interlock.db"));
        assertFalse(r.ok());
        assertEquals(7, r.brokenAtId());
        assertTrue(r.problem().contains("deleted"), r.problem());
    }

    @Test
    void deletedRowsAtTheEndAndTheStartAreCaught() throws Exception {
        try (AuditLog log = open()) {
            fill(log, 10);
        }
        sql("DELETE FROM audit WHERE id >= 9");
        VerifyReport tail = AuditLog.verify(tmp.resolve("interlock.db"));
        assertFalse(tail.ok());
        assertTrue(tail.problem().contains("end"), tail.problem());

        Path other = tmp.resolve("b");
        Files.createDirectories(other);
        try (AuditLog log = AuditLog.open(other.resolve("interlock.db"), MASKER)) {
            fill(log, 5);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other.resolve("interlock.db"));
             Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit WHERE id = 1");
        }
        VerifyReport head = AuditLog.verify(other.resolve("interlock.db"));
        assertFalse(head.ok());
        assertEquals(2, head.brokenAtId());
    }

    @Test
    void writingAfterTamperingKeepsTheBreakVisible() throws Exception {
        try (AuditLog log = open()) {
            fill(log, 5);
        }
        sql("DELETE FROM audit WHERE id = 5");
        try (AuditLog log = open()) {
            fill(log, 2);
            assertFalse(log.verify().ok());
        }
    }

    @Test
    void rowsWrittenWithoutTheRollupAreCountedAfterReopening() throws Exception {
        try (AuditLog log = open()) {
            fill(log, 3);
        }
        sql("INSERT INTO audit(id, ts, type, kind, agent, verdict, prev_hash, hash) VALUES (100, 0, 'action', 'shell', 'x', 'allow', 'p', 'h')");
        try (AuditLog log = open()) {
            assertEquals(4, log.count(AuditFilter.ALL));
        }
    }

    @Test
    void concurrentWritersEachGetTheirOwnCommittedRowInOneChain() throws Exception {
        int threads = 12;
        int each = 150;
        try (AuditLog log = open()) {
            java.util.Set<Long> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        String cmd = "echo " + thread + "-" + i;
                        long id = log.recordAction(new ShellCommand(cmd, "/w"), Origin.of("a" + thread, "s", "/w"),
                                allow(), "");
                        assertTrue(ids.add(id), "id " + id + " handed out twice");
                        assertEquals(cmd, log.get(id).summary(), "the returned id is the caller's own, committed row");
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertEquals(threads * each, ids.size());
            assertEquals(threads * each, log.count(AuditFilter.ALL));
            assertEquals(threads * each, java.util.Collections.max(ids));
            assertTrue(log.verify().ok(), log.verify().problem());
        }
    }

    @Test
    void aRowTheDatabaseRefusesFailsAloneWhileItsBatchNeighboursAreWritten() throws Exception {
        try (AuditLog log = open()) {
            fill(log, 1);
            sql("CREATE TRIGGER poison BEFORE INSERT ON audit WHEN NEW.summary = 'echo poison' "
                    + "BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END");
            int threads = 8;
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String cmd = t == 3 ? "echo poison" : "echo fine " + t;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20; i++) {
                        try {
                            log.recordAction(new ShellCommand(cmd, "/w"), Origin.of("a", "s", "/w"), allow(), "");
                        } catch (AuditException e) {
                            assertTrue(e.getMessage().contains("refused by a test trigger"), e.getMessage());
                            return "failed";
                        }
                    }
                    return "written";
                }));
            }
            for (int t = 0; t < threads; t++) {
                assertEquals(t == 3 ? "failed" : "written", results.get(t).get(), "thread " + t);
            }
            pool.shutdown();
            assertEquals(1 + 7 * 20, log.count(AuditFilter.ALL));
            assertTrue(log.verify().ok(), log.verify().problem());
        }
    }

    @Test
    void checkpointsHappenInTheBackgroundNotInsideAppends() throws Exception {
        Path db = tmp.resolve("interlock.db");
        try (AuditLog log = open()) {
            long before = Files.size(db);
            // Few enough commits that SQLite's own automatic checkpoint (1,000 log pages) would not have run yet.
            fill(log, 20);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (Files.size(db) <= before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.size(db) > before, "rows reached the database file while the log stayed open");
            assertEquals(20, log.count(AuditFilter.ALL));
            assertTrue(log.verify().ok(), log.verify().problem());
        }
    }

    @Test
    void twoWritersOnOneFileKeepOneChain() {
        long t0 = System.nanoTime();
        try (AuditLog a = open(); AuditLog b = open()) {
            fill(a, 3);
            fill(b, 2);
            fill(a, 2);
            assertEquals(7, a.count(AuditFilter.ALL));
            assertTrue(b.verify().ok(), b.verify().problem());
        }
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000, "no writer waited for a lock the other kept");
    }

    @Test
    void migrationsAreRecordedOnceAndANewerSchemaIsRefused() throws Exception {
        try (AuditLog log = open()) {
            fill(log, 1);
        }
        try (AuditLog log = open()) {
            fill(log, 1);
            assertEquals(2, log.count(AuditFilter.ALL));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("interlock.db"));
             Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*), max(version) FROM schema_version")) {
            rs.next();
            assertEquals(Migrations.ALL.size(), rs.getInt(1));
            assertEquals(Migrations.latest(), rs.getInt(2));
        }
        sql("INSERT INTO schema_version(version, description, applied_at) VALUES (99, 'future', 0)");
        AuditException e = assertThrows(AuditException.class, this::open);
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
        assertTrue(e.getMessage().contains("interlock.db"), e.getMessage());
    }

    @Test
    void theDatabaseIsInWalMode() throws Exception {
        try (AuditLog log = open()) {
            fill(log, 1);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("interlock.db"));
                 Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertEquals("wal", rs.getString(1));
            }
        }
    }

    @Test
    void secretsAreStoredMaskedWithAFingerprint() throws Exception {
        try (AuditLog log = open()) {
            HttpCall h = new HttpCall("POST", "https://user:hunter2pass@api.example.com/v1?api_key=SEKRET123",
                    Map.of("Authorization", List.of("Bearer sk-live-abcdefghijklmnop1234"), "Accept", List.of("x")),
                    "{\"password\": \"p4ssw0rd!\"}");
            log.recordAction(h, Origin.of("proxy", null, null), allow(), "ok");
            log.recordAction(new ShellCommand("PGPASSWORD=topsecret psql -c 'select 1' && curl -H 'X-Api-Key: abcd1234efgh' x",
                    null, Map.of("GITHUB_TOKEN", "ghp_abcdefghijklmnopqrstuvwxyz0123456789")), Origin.CLI, allow(), "");
        }
        String dump;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("interlock.db"));
             Statement s = c.createStatement(); var rs = s.executeQuery("SELECT * FROM audit")) {
            StringBuilder sb = new StringBuilder();
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    sb.append(rs.getString(i)).append('|');
                }
            }
            dump = sb.toString();
        }
        for (String secret : List.of("hunter2pass", "SEKRET123", "sk-live-abcdefghijklmnop1234", "p4ssw0rd!", "topsecret",
                "abcd1234efgh", "ghp_abcdefghijklmnopqrstuvwxyz0123456789")) {
            assertFalse(dump.contains(secret), secret + " stored in clear: " + dump);
        }
        assertTrue(dump.contains("Bearer [masked fp=" + MASKER.fingerprint("sk-live-abcdefghijklmnop1234") + "]"), dump);
        assertTrue(dump.contains("api.example.com"), dump);
    }

    @Test
    void filtersPagingAndCount() {
        try (AuditLog log = open()) {
            fill(log, 30);
            log.recordAction(new FileAccess("/w/.env", FileAccess.Mode.READ), Origin.of("cursor", "s2", "/other"),
                    denied("human:terminal"), "");
            assertEquals(31, log.count(AuditFilter.ALL));
            List<AuditRecord> page1 = log.query(AuditFilter.ALL, 0, 10);
            List<AuditRecord> page2 = log.query(AuditFilter.ALL, 10, 10);
            assertEquals(31, page1.get(0).id());
            assertEquals(21, page2.get(0).id());
            assertEquals(16, log.count(AuditFilter.parse("agent:cursor")));
            assertEquals(11, log.count(AuditFilter.parse("verdict:deny")));
            assertEquals(10, log.count(AuditFilter.parse("decided:timeout")));
            assertEquals(1, log.count(AuditFilter.parse("decided:human")));
            assertEquals(1, log.count(AuditFilter.parse("kind:file agent:cursor")));
            assertEquals(1, log.count(AuditFilter.parse("workspace:/other")));
            assertEquals(1, log.count(AuditFilter.parse("\"echo 17\"")));
            assertEquals(11, log.count(AuditFilter.parse("rule:test/rm")));
            assertEquals(31, log.count(AuditFilter.parse("since:1h")));
            assertEquals(0, log.count(AuditFilter.parse("until:1h")));
            assertEquals(0, log.count(AuditFilter.parse("severity:critical")));
            List<HistogramBucket> h = log.histogram(AuditFilter.parse("since:2h"), Duration.ofHours(1));
            assertTrue(h.size() >= 2, "empty buckets from since: " + h);
            assertEquals(20, h.stream().mapToLong(HistogramBucket::allowed).sum());
            assertEquals(11, h.stream().mapToLong(HistogramBucket::denied).sum());
            List<HistogramBucket> scanned = log.histogram(AuditFilter.parse("since:2h workspace:/"), Duration.ofHours(1));
            assertEquals(h.stream().mapToLong(HistogramBucket::total).sum(), scanned.stream().mapToLong(HistogramBucket::total).sum(),
                    "rollup and row scan agree");
            List<HistogramBucket> cursor = log.histogram(AuditFilter.parse("agent:cursor"), Duration.ofMinutes(30));
            assertEquals(10, cursor.stream().mapToLong(HistogramBucket::allowed).sum());
            assertEquals(6, cursor.stream().mapToLong(HistogramBucket::denied).sum());
        }
    }

    @Test
    void resultsAttachToTheirActionByToolCallId() {
        try (AuditLog log = open()) {
            long id = log.recordAction(new ShellCommand("make test"), new Origin("claude-code", "s1", "tool-7", "/w", null),
                    allow(), "");
            log.outputLimit(20);
            long rid = log.attachResult(new ResultReport("claude-code", "s1", "tool-7", 0, 2,
                    "FAILED: token=abcdef1234567 and a lot more output after that"));
            AuditRecord a = log.get(id);
            assertEquals(2, a.exitCode());
            assertTrue(a.output().startsWith("FAILED: token=[mask"), a.output());
            assertTrue(a.output().contains("more chars not kept"), a.output());
            assertEquals(id, log.get(rid).refId());
            assertEquals(1, log.count(AuditFilter.ALL), "results are folded into their action");
            assertEquals(1, log.count(AuditFilter.parse("type:result")));
            assertTrue(log.verify().ok());
            long orphan = log.attachResult(new ResultReport("cursor", null, "nope", 0, 1, null));
            assertEquals(0, log.get(orphan).refId());
            assertNull(log.get(orphan).output());
        }
    }

    @Test
    void manyResultsAttachInOneCallAndARefusedOneFailsAlone() throws Exception {
        try (AuditLog log = open()) {
            List<Long> actions = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                actions.add(log.recordAction(new ShellCommand("curl https://example.test/" + i),
                        new Origin("proxy", null, "proxy-" + i, "/w", null), allow(), ""));
            }
            sql("CREATE TRIGGER poison BEFORE INSERT ON audit WHEN NEW.output = 'poison' "
                    + "BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END");
            List<ResultReport> reports = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                reports.add(new ResultReport("proxy", null, "proxy-" + i, 0, 200, i == 17 ? "poison" : "HTTP 200, " + i));
            }
            AuditException e = assertThrows(AuditException.class, () -> log.attachResults(reports));
            assertTrue(e.getMessage().contains("refused by a test trigger"), e.getMessage());
            for (int i = 0; i < 50; i++) {
                AuditRecord a = log.get(actions.get(i));
                assertEquals(i == 17 ? null : "HTTP 200, " + i, a.output(), "action " + i);
            }
            assertEquals(49, log.count(AuditFilter.parse("type:result")));
            sql("DROP TRIGGER poison");
            assertEquals(1, log.attachResults(List.of(new ResultReport("proxy", null, "proxy-17", 0, 200, "late"))));
            assertEquals("late", log.get(actions.get(17)).output());
            assertTrue(log.verify().ok(), log.verify().problem());
        }
    }

    @Test
    void rowsRecordedLaterAreWrittenInOrderInTheChainAndCloseWritesTheRest() throws Exception {
        try (AuditLog log = open()) {
            for (int i = 0; i < 300; i++) {
                log.recordActionLater(new ShellCommand("curl https://example.test/" + i),
                        new Origin("proxy", null, "proxy-" + i, "/w", null), allow(), "");
                if (i % 3 == 0) {
                    log.attachResults(List.of(new ResultReport("proxy", null, "proxy-" + i, 0, 200, "HTTP 200 " + i)));
                }
            }
            fill(log, 2); // rows written at once join the same chain
        }
        try (AuditLog log = open()) {
            assertEquals(302, log.count(AuditFilter.ALL), "nothing queued was lost at close");
            assertEquals(100, log.count(AuditFilter.parse("type:result")));
            List<AuditRecord> rows = log.query(AuditFilter.parse("agent:proxy"), 0, 400);
            for (AuditRecord r : rows) {
                int i = Integer.parseInt(r.summary().substring(r.summary().lastIndexOf('/') + 1));
                assertEquals(i % 3 == 0 ? "HTTP 200 " + i : null, r.output(), r.summary());
            }
            assertTrue(log.verify().ok(), log.verify().problem());
        }
    }

    @Test
    void retentionKeepsTheChainVerifiable() throws Exception {
        try (AuditLog log = open()) {
            fill(log, 50);
            sql("UPDATE audit SET ts = ts - 864000000 WHERE id <= 20");
            // the edit above broke rows 1..20; retention removes exactly them and anchors the rest
            PruneReport p = log.prune(Duration.ofDays(5), 0);
            assertEquals(20, p.rowsDeleted());
            assertEquals(20, p.throughId());
            VerifyReport r = log.verify();
            assertTrue(r.ok(), r.problem());
            assertEquals(31, log.count(AuditFilter.ALL));
            assertEquals(31, log.count(AuditFilter.parse("since:30d")), "the rollup agrees with the rows");
            assertEquals(30, log.histogram(AuditFilter.parse("since:3h"), Duration.ofHours(1)).stream()
                    .mapToLong(HistogramBucket::total).sum());
            assertEquals(1, log.count(AuditFilter.parse("type:checkpoint")));
            fill(log, 2);
            assertTrue(log.verify().ok());
            PruneReport bySize = log.prune(null, 1);
            assertTrue(bySize.rowsDeleted() > 0);
            assertTrue(log.verify().ok(), log.verify().problem());
        }
        sql("DELETE FROM audit WHERE type = 'checkpoint'");
        assertFalse(AuditLog.verify(tmp.resolve("interlock.db")).ok());
    }

    @Test
    void exportStreamsEveryRowAsJsonlAndCsv() throws Exception {
        try (AuditLog log = open()) {
            fill(log, 5);
            log.recordAction(new ShellCommand("echo \"a,b\"\nnext"), Origin.CLI, allow(), "");
            StringWriter jsonl = new StringWriter();
            assertEquals(6, log.export(AuditFilter.ALL, ExportFormat.JSONL, jsonl));
            String[] lines = jsonl.toString().split("\n");
            assertEquals(6, lines.length);
            assertTrue(lines[0].contains("\"id\":1"), lines[0]);
            StringWriter csv = new StringWriter();
            log.export(AuditFilter.ALL, ExportFormat.CSV, csv);
            assertTrue(csv.toString().startsWith("id,time,type"), csv.toString());
            assertTrue(csv.toString().contains("\"echo \"\"a,b\"\"\nnext\""), csv.toString());
        }
    }

    @Test
    void listenersSeeCommittedRows() {
        try (AuditLog log = open()) {
            List<AuditRecord> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            log.addListener(seen::add);
            fill(log, 3);
            assertEquals(3, seen.size());
            assertTrue(seen.get(2).time().isBefore(Instant.now().plusSeconds(1)));
        }
    }
}
