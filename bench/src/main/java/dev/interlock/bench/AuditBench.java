package dev.interlock.bench;

import dev.interlock.audit.AuditFilter;
import dev.interlock.audit.AuditLog;
import dev.interlock.audit.SecretMasker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Timeline queries over a large audit log: fills a database with N rows (default 1,000,000; realistic mix of
 * agents, kinds, verdicts over 30 days), then times the queries the UI timeline and {@code interlock audit} run.
 * The fill writes rows directly (not hash-chained): the chain does not change query cost.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.interlock.bench.AuditBench [rows] [dir]</pre>
 */
public final class AuditBench {
    private static final String[] AGENTS = {"claude-code", "cursor", "codex", "gemini", "copilot", "proxy"};
    private static final String[] KINDS = {"shell", "shell", "shell", "file", "file", "http", "mcp"};
    private static final String[] DECIDED = {"policy", "policy", "policy", "policy", "human:popup", "timeout", "grant:g-x"};

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("audit-bench");
        Path db = dir.resolve("interlock.db");
        SecretMasker masker = new SecretMasker(new byte[32]);
        AuditLog.open(db, masker).close();
        long t0 = System.nanoTime();
        fill(db, rows);
        System.out.printf("filled %,d rows in %.1f s (%,d bytes)%n", rows, (System.nanoTime() - t0) / 1e9, Files.size(db));
        try (AuditLog log = AuditLog.open(db, masker)) {
            time("newest page (50)", () -> log.query(AuditFilter.ALL, 0, 50).size());
            time("page at offset 10,000", () -> log.query(AuditFilter.ALL, 10_000, 50).size());
            int deep = rows * 9 / 10;
            time("page at offset " + String.format("%,d", deep) + " (OFFSET)", () -> log.query(AuditFilter.ALL, deep, 50).size());
            long deepId = log.idBefore(AuditFilter.ALL, Long.MAX_VALUE, deep);
            time("same page by keyset (id < x)", () -> log.queryBefore(AuditFilter.ALL, deepId + 1, 50).size());
            time("locate its id from the top", () -> (int) Math.min(Integer.MAX_VALUE, log.idBefore(AuditFilter.ALL, Long.MAX_VALUE, deep)));
            time("locate its id from the bottom", () -> (int) Math.min(Integer.MAX_VALUE, log.idAfter(AuditFilter.ALL, 0, rows - 1 - deep)));
            time("agent:cursor page deep by keyset", () -> log.queryBefore(AuditFilter.parse("agent:cursor"), deepId + 1, 50).size());
            time("agent:cursor verdict:deny page", () -> log.query(AuditFilter.parse("agent:cursor verdict:deny"), 0, 50).size());
            time("decided:timeout since:7d page", () -> log.query(AuditFilter.parse("decided:timeout since:7d"), 0, 50).size());
            time("severity:critical page", () -> log.query(AuditFilter.parse("severity:critical"), 0, 50).size());
            time("free text 'terraform' page", () -> log.query(AuditFilter.parse("terraform"), 0, 50).size());
            time("count(all)", () -> (int) log.count(AuditFilter.ALL));
            time("count(agent:cursor since:1d)", () -> (int) log.count(AuditFilter.parse("agent:cursor since:1d")));
            time("histogram since:1d by hour", () -> log.histogram(AuditFilter.parse("since:1d"), Duration.ofHours(1)).size());
            time("histogram since:30d by day", () -> log.histogram(AuditFilter.parse("since:30d"), Duration.ofDays(1)).size());
            time("histogram agent:cursor 7d by hour", () -> log.histogram(AuditFilter.parse("agent:cursor since:7d"), Duration.ofHours(1)).size());
            time("histogram text 'terraform' 1d/hour", () -> log.histogram(AuditFilter.parse("terraform since:1d"), Duration.ofHours(1)).size());
        }
    }

    private static void fill(Path db, int rows) throws Exception {
        Random r = new Random(42);
        long now = System.currentTimeMillis();
        long span = Duration.ofDays(30).toMillis();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit(id, ts, type, kind, summary, action_json, agent, "
                    + "session_id, tool_call_id, workspace, policy_verdict, severity, rules_json, notes_json, verdict, decided_by, "
                    + "wait_ms, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (int i = 1; i <= rows; i++) {
                    String kind = KINDS[r.nextInt(KINDS.length)];
                    String decided = DECIDED[r.nextInt(DECIDED.length)];
                    String verdict = decided.equals("timeout") ? "deny" : decided.equals("policy") && r.nextInt(10) == 0 ? "deny" : "allow";
                    String summary = kind.equals("shell") ? (r.nextInt(50) == 0 ? "terraform destroy -auto-approve" : "git status " + i)
                            : kind.equals("file") ? "read /home/dev/p" + (i % 97) + "/src/file" + i : "GET https://api.example.com/v1/items/" + i;
                    ps.setLong(1, i);
                    ps.setLong(2, now - span + span * i / rows);
                    ps.setString(3, "action");
                    ps.setString(4, kind);
                    ps.setString(5, summary);
                    ps.setString(6, "{\"kind\":\"" + kind + "\"}");
                    ps.setString(7, AGENTS[r.nextInt(AGENTS.length)]);
                    ps.setString(8, "s" + (i / 500));
                    ps.setString(9, "t" + i);
                    ps.setString(10, "/home/dev/p" + (i % 97));
                    ps.setString(11, verdict.equals("allow") && decided.equals("policy") ? "allow" : "ask");
                    ps.setString(12, r.nextInt(200) == 0 ? "critical" : r.nextInt(10) == 0 ? "high" : "low");
                    ps.setString(13, "[]");
                    ps.setString(14, "[]");
                    ps.setString(15, verdict);
                    ps.setString(16, decided);
                    ps.setLong(17, decided.startsWith("human") ? 4000 : 0);
                    ps.setString(18, "x");
                    ps.setString(19, "x");
                    ps.addBatch();
                    if (i % 10_000 == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
            try (var s = c.createStatement()) {
                s.execute("INSERT OR REPLACE INTO chain_head(one, last_id, hash) VALUES (1, " + rows + ", 'x')");
                s.execute("INSERT INTO audit_rollup(hour, agent, kind, verdict, n) SELECT (ts / 3600000) * 3600000, agent, kind, "
                        + "verdict, count(*) FROM audit WHERE type = 'action' GROUP BY 1, 2, 3, 4");
                c.commit();
                c.setAutoCommit(true);
                s.execute("ANALYZE");
            }
        }
    }

    private static void time(String what, Supplier<Integer> q) {
        q.get();
        double[] ms = new double[5];
        int n = 0;
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            n = q.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-34s median %8.2f ms  (max %8.2f ms, %d rows)%n", what, ms[2], ms[4], n);
    }
}
