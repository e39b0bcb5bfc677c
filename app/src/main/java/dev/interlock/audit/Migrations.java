package dev.interlock.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Numbered schema migrations. Each runs once, in order, in its own transaction, and is recorded in
 * {@code schema_version}. Never edit a released migration: add the next number.
 */
final class Migrations {
    record Migration(int version, String description, List<String> statements) {
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "audit table, hash chain head and anchors", List.of(
                    """
                    CREATE TABLE audit(
                      id INTEGER PRIMARY KEY,
                      ts INTEGER NOT NULL,
                      type TEXT NOT NULL,
                      kind TEXT, summary TEXT, action_json TEXT,
                      agent TEXT, session_id TEXT, tool_call_id TEXT, workspace TEXT,
                      policy_verdict TEXT, severity TEXT, rules_json TEXT, notes_json TEXT, environment TEXT,
                      verdict TEXT, decided_by TEXT, wait_ms INTEGER NOT NULL DEFAULT 0, approval_id TEXT,
                      reply TEXT, ref_id INTEGER, exit_code INTEGER, output TEXT,
                      prev_hash TEXT NOT NULL, hash TEXT NOT NULL)""",
                    "CREATE INDEX audit_ts ON audit(ts)",
                    "CREATE INDEX audit_agent ON audit(agent, id)",
                    "CREATE INDEX audit_verdict ON audit(verdict, id)",
                    "CREATE INDEX audit_kind ON audit(kind, id)",
                    "CREATE INDEX audit_severity ON audit(severity, id)",
                    "CREATE INDEX audit_decided ON audit(decided_by, id)",
                    "CREATE INDEX audit_session ON audit(session_id, id)",
                    "CREATE INDEX audit_type ON audit(type, id)",
                    "CREATE INDEX audit_approval ON audit(approval_id) WHERE approval_id IS NOT NULL",
                    "CREATE INDEX audit_ref ON audit(ref_id) WHERE ref_id IS NOT NULL",
                    "CREATE INDEX audit_toolcall ON audit(agent, tool_call_id) WHERE tool_call_id IS NOT NULL",
                    "CREATE TABLE chain_head(one INTEGER PRIMARY KEY CHECK (one = 1), last_id INTEGER NOT NULL, hash TEXT NOT NULL)",
                    "CREATE TABLE chain_anchor(through_id INTEGER PRIMARY KEY, hash TEXT NOT NULL, rows INTEGER NOT NULL, ts INTEGER NOT NULL)")),
            // actions per hour × agent × kind × verdict, kept in the writing transaction: the timeline chart and
            // the unfiltered count read this instead of scanning a million rows (derived data, not chained)
            new Migration(2, "hourly rollup of actions", List.of(
                    """
                    CREATE TABLE audit_rollup(hour INTEGER NOT NULL, agent TEXT NOT NULL, kind TEXT NOT NULL,
                      verdict TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (hour, agent, kind, verdict))""",
                    """
                    INSERT INTO audit_rollup(hour, agent, kind, verdict, n)
                    SELECT (ts / 3600000) * 3600000, coalesce(agent, ''), coalesce(kind, ''), coalesce(verdict, ''), count(*)
                    FROM audit WHERE type = 'action' GROUP BY 1, 2, 3, 4""")),
            // The timeline's filter indexes skip result rows (the timeline never lists them, it joins them to their
            // action), so the proxy's second row per request does not pay for six index updates.
            new Migration(3, "timeline filter indexes leave out result rows", List.of(
                    "DROP INDEX audit_agent",
                    "CREATE INDEX audit_agent ON audit(agent, id) WHERE type <> 'result'",
                    "DROP INDEX audit_verdict",
                    "CREATE INDEX audit_verdict ON audit(verdict, id) WHERE type <> 'result'",
                    "DROP INDEX audit_kind",
                    "CREATE INDEX audit_kind ON audit(kind, id) WHERE type <> 'result'",
                    "DROP INDEX audit_severity",
                    "CREATE INDEX audit_severity ON audit(severity, id) WHERE type <> 'result'",
                    "DROP INDEX audit_decided",
                    "CREATE INDEX audit_decided ON audit(decided_by, id) WHERE type <> 'result'",
                    "DROP INDEX audit_session",
                    "CREATE INDEX audit_session ON audit(session_id, id) WHERE type <> 'result'")),
            // Most rows are allowed by policy at low severity (the proxy's read-only traffic above all); a filter
            // for those values finds its page by walking back from the newest rows anyway. Indexing only the other
            // values keeps each such row out of four indexes: fewer pages written per commit. The query adds the
            // index's condition (AuditSql) so the planner can use it.
            new Migration(4, "filter indexes leave out the values most rows share", List.of(
                    "DROP INDEX audit_verdict",
                    "CREATE INDEX audit_verdict ON audit(verdict, id) WHERE type <> 'result' AND verdict <> 'allow'",
                    "DROP INDEX audit_severity",
                    "CREATE INDEX audit_severity ON audit(severity, id) WHERE type <> 'result' AND severity <> 'low'",
                    "DROP INDEX audit_decided",
                    "CREATE INDEX audit_decided ON audit(decided_by, id) WHERE type <> 'result' AND decided_by <> 'policy'",
                    "DROP INDEX audit_type",
                    "CREATE INDEX audit_type ON audit(type, id) WHERE type NOT IN ('action', 'result')")));

    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }

    private Migrations() {
    }

    static int current(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER PRIMARY KEY, description TEXT, applied_at INTEGER NOT NULL)");
            try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Brings the database up to {@link #latest()}; refuses a database written by a newer version. */
    static void migrate(Connection c, String where) throws SQLException {
        int have = current(c);
        if (have > latest()) {
            throw new AuditException(where + ": audit schema version " + have + " is newer than this Interlock ("
                    + latest() + "); upgrade Interlock or move the file away");
        }
        for (Migration m : ALL) {
            if (m.version() <= have) {
                continue;
            }
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
                try (var ps = c.prepareStatement("INSERT INTO schema_version(version, description, applied_at) VALUES (?,?,?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.description());
                    ps.setLong(3, System.currentTimeMillis());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new AuditException(where + ": schema migration " + m.version() + " failed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }
}
