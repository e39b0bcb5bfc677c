package dev.interlock.ui;

import dev.interlock.audit.AuditLog;
import dev.interlock.config.DataDir;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Fills an audit database with many realistic rows quickly (one transaction, batched inserts), spread over a time
 * range, for the timeline's scale test and screenshots. The hash chain is not computed (rows carry a dummy hash),
 * so {@code audit verify} would flag such a file: test code only.
 */
public final class AuditFixture {
    private static final String[] AGENTS = {"claude-code", "cursor", "codex", "gemini-cli", "proxy"};
    private static final String[][] ACTIONS = {
            {"shell", "git status", "allow", "low", "", "policy"},
            {"shell", "npm test", "allow", "low", "", "policy"},
            {"shell", "ls -la src", "allow", "low", "", "policy"},
            {"file", "read src/main.ts", "allow", "low", "", "policy"},
            {"file", "edit src/app/routes.ts", "allow", "low", "", "policy"},
            {"http", "GET https://api.github.com/repos/acme/shop/pulls", "allow", "low", "", "policy"},
            {"shell", "git push --force origin main", "deny", "high", "git/push-force-protected", "human:popup"},
            {"shell", "rm -rf build dist", "allow", "medium", "filesystem/rm-recursive", "grant:g-12"},
            {"shell", "terraform destroy -auto-approve", "deny", "critical", "terraform/destroy", "human:popup"},
            {"http", "POST https://backboard.railway.app/graphql/v2", "deny", "critical", "railway/volume-delete", "timeout"},
            {"file", "read .env.production", "allow", "high", "secrets/env-file", "human:popup"},
            {"shell", "psql -c 'DROP TABLE orders'", "deny", "critical", "sql/drop-table", "policy"},
            {"shell", "kubectl delete namespace staging", "allow", "high", "kubernetes/delete-namespace", "human:terminal"},
            {"mcp", "postgres/query {\"sql\":\"select 1\"}", "allow", "low", "", "policy"},
    };
    private static final int[] WEIGHTS = {30, 22, 18, 25, 16, 10, 2, 4, 1, 1, 3, 1, 1, 6};

    private AuditFixture() {
    }

    /** Writes {@code rows} rows, newest at {@code end}, over {@code span}; returns the database path. */
    public static Path generate(Path home, long rows, Instant end, Duration span, long seed) throws Exception {
        DataDir dir = new DataDir(home);
        DataDir.ensurePrivateDir(home);
        AuditLog.open(dir).close();
        Random rnd = new Random(seed);
        int total = 0;
        for (int w : WEIGHTS) {
            total += w;
        }
        long startMs = end.minus(span).toEpochMilli();
        long[] times = new long[(int) rows];
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        for (int i = 0; i < rows; i++) {
            while (true) {
                long t = startMs + (long) (rnd.nextDouble() * span.toMillis());
                int hour = java.time.Instant.ofEpochMilli(t).atZone(zone).getHour();
                double busy = hour >= 9 && hour <= 18 ? 1.0 : hour >= 7 && hour <= 22 ? 0.45 : 0.12;
                busy *= 0.75 + 0.25 * Math.sin(t / 3_600_000.0);
                if (rnd.nextDouble() < busy) {
                    times[i] = t;
                    break;
                }
            }
        }
        java.util.Arrays.sort(times);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.database())) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA synchronous=OFF");
            }
            c.setAutoCommit(false);
            String sql = "INSERT INTO audit(ts,type,kind,summary,action_json,agent,session_id,tool_call_id,workspace,"
                    + "policy_verdict,severity,rules_json,notes_json,environment,verdict,decided_by,wait_ms,approval_id,"
                    + "reply,ref_id,exit_code,output,prev_hash,hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (long i = 0; i < rows; i++) {
                    int pick = rnd.nextInt(total);
                    int k = 0;
                    while (pick >= WEIGHTS[k]) {
                        pick -= WEIGHTS[k++];
                    }
                    String[] a = ACTIONS[k];
                    String agent = AGENTS[rnd.nextInt(a[0].equals("http") && rnd.nextBoolean() ? 5 : 4)];
                    long ts = times[(int) i];
                    boolean human = a[5].startsWith("human") || a[5].equals("timeout");
                    String ws = "/home/dev/" + (rnd.nextInt(3) == 0 ? "infra" : "shop");
                    ps.setLong(1, ts);
                    ps.setString(2, "action");
                    ps.setString(3, a[0]);
                    ps.setString(4, a[1]);
                    ps.setString(5, actionJson(a));
                    ps.setString(6, agent);
                    ps.setString(7, "sess-" + agent.charAt(0) + (i / 500));
                    ps.setString(8, "call-" + i);
                    ps.setString(9, ws);
                    ps.setString(10, a[4].isEmpty() ? "allow" : human || a[5].startsWith("grant") ? "ask" : a[2]);
                    ps.setString(11, a[3]);
                    ps.setString(12, a[4].isEmpty() ? "[]" : "[{\"pack\":\"" + a[4].split("/")[0] + "\",\"id\":\""
                            + a[4].split("/")[1] + "\",\"severity\":\"" + a[3] + "\",\"verdict\":\"ask\",\"explain\":\""
                            + "Matched " + a[4] + ".\"" + (a[3].equals("critical") ? ",\"target\":\"3f6c9a1e\"" : "") + "}]");
                    ps.setString(13, "[]");
                    ps.setString(14, a[3].equals("critical") ? "production" : null);
                    ps.setString(15, a[2]);
                    ps.setString(16, a[5]);
                    ps.setLong(17, human ? 2000 + rnd.nextInt(40_000) : 0);
                    ps.setString(18, human ? "ap" + Long.toString(i, 36) : null);
                    ps.setString(19, a[2].equals("deny") ? "Interlock: denied." : "");
                    ps.setObject(20, null);
                    ps.setObject(21, null);
                    ps.setObject(22, null);
                    ps.setString(23, "0");
                    ps.setString(24, "0");
                    ps.addBatch();
                    if (i % 5000 == 4999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            // rows written behind AuditLog's back must also reach its hourly rollup, as AuditLog's own writes do
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM audit_rollup");
                s.execute("INSERT INTO audit_rollup(hour, agent, kind, verdict, n) SELECT (ts / 3600000) * 3600000, "
                        + "coalesce(agent, ''), coalesce(kind, ''), coalesce(verdict, ''), count(*) FROM audit "
                        + "WHERE type = 'action' GROUP BY 1, 2, 3, 4");
            }
            c.commit();
        }
        return dir.database();
    }

    private static String actionJson(String[] a) {
        String s = a[1].replace("\\", "\\\\").replace("\"", "\\\"");
        return switch (a[0]) {
            case "shell" -> "{\"kind\":\"shell\",\"script\":\"" + s + "\",\"cwd\":\"/home/dev/shop\"}";
            case "file" -> "{\"kind\":\"file\",\"path\":\"" + s.substring(s.indexOf(' ') + 1) + "\",\"mode\":\""
                    + s.substring(0, s.indexOf(' ')) + "\"}";
            case "http" -> "{\"kind\":\"http\",\"method\":\"" + s.substring(0, s.indexOf(' ')) + "\",\"url\":\""
                    + s.substring(s.indexOf(' ') + 1) + "\",\"headers\":{},\"body\":\"\"}";
            default -> "{\"kind\":\"mcp\",\"server\":\"postgres\",\"tool\":\"query\",\"arguments\":{\"sql\":\"select 1\"}}";
        };
    }
}
