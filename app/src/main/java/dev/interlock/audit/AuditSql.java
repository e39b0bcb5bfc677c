package dev.interlock.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns an {@link AuditFilter} into a parameterised WHERE clause over {@code audit a}. */
final class AuditSql {
    private AuditSql() {
    }

    record Where(String sql, List<Object> params) {
        int bind(PreparedStatement ps) throws SQLException {
            int i = 1;
            for (Object p : params) {
                if (p instanceof Long l) {
                    ps.setLong(i++, l);
                } else {
                    ps.setString(i++, (String) p);
                }
            }
            return i;
        }

        /** This clause AND {@code clause} (keyset bounds: {@code a.id < ?}). */
        Where and(String clause, Object... more) {
            List<Object> p = new ArrayList<>(params);
            p.addAll(List.of(more));
            return new Where(sql.isEmpty() ? "WHERE " + clause : sql + " AND " + clause, p);
        }
    }

    /** @param allTypes true for export: every row type unless the filter names some */
    static Where where(AuditFilter f, boolean allTypes) {
        List<String> and = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        // The "<>" terms repeat the partial indexes' conditions (migrations 3 and 4) where the filter implies them:
        // SQLite only uses a partial index when the query spells its condition out.
        if (!f.types().isEmpty()) {
            in(and, params, "a.type", f.types());
            if (!f.types().contains("action") && !f.types().contains("result")) {
                and.add("a.type NOT IN ('action', 'result')");
            }
        } else if (!allTypes) {
            and.add("a.type <> 'result'");
        }
        in(and, params, "a.agent", f.agents());
        in(and, params, "a.session_id", f.sessions());
        in(and, params, "a.kind", f.kinds());
        in(and, params, "a.verdict", f.verdicts());
        if (!f.verdicts().isEmpty() && !f.verdicts().contains("allow")) {
            and.add("a.verdict <> 'allow'");
        }
        in(and, params, "a.severity", f.severities());
        if (!f.severities().isEmpty() && !f.severities().contains("low")) {
            and.add("a.severity <> 'low'");
        }
        in(and, params, "a.approval_id", f.approvals());
        if (!f.decidedBy().isEmpty()) {
            if (!f.decidedBy().contains("policy")) {
                and.add("a.decided_by <> 'policy'");
            }
            List<String> or = new ArrayList<>();
            for (String d : f.decidedBy()) {
                or.add("a.decided_by = ? OR a.decided_by LIKE ? ESCAPE '\\'");
                params.add(d);
                params.add(escape(d) + ":%");
            }
            and.add("(" + String.join(" OR ", or) + ")");
        }
        if (!f.workspaces().isEmpty()) {
            List<String> or = new ArrayList<>();
            for (String w : f.workspaces()) {
                or.add("a.workspace LIKE ? ESCAPE '\\'");
                params.add(escape(w) + "%");
            }
            and.add("(" + String.join(" OR ", or) + ")");
        }
        if (!f.rules().isEmpty()) {
            List<String> or = new ArrayList<>();
            for (String r : f.rules()) {
                or.add("a.rules_json LIKE ? ESCAPE '\\'");
                int slash = r.indexOf('/');
                // rules are stored as {"pack":"p","id":"i",…}: pack/id matches that pair exactly
                params.add(slash > 0 ? "%\"pack\":\"" + escape(r.substring(0, slash)) + "\",\"id\":\""
                        + escape(r.substring(slash + 1)) + "\"%" : "%" + escape(r) + "%");
            }
            and.add("(" + String.join(" OR ", or) + ")");
        }
        if (f.since() != null) {
            and.add("a.ts >= ?");
            params.add(f.since().toEpochMilli());
        }
        if (f.until() != null) {
            and.add("a.ts < ?");
            params.add(f.until().toEpochMilli());
        }
        for (String t : f.text()) {
            String like = "%" + escape(t) + "%";
            and.add("(a.summary LIKE ? ESCAPE '\\' OR a.rules_json LIKE ? ESCAPE '\\' OR a.workspace LIKE ? ESCAPE '\\')");
            params.add(like);
            params.add(like);
            params.add(like);
        }
        return new Where(and.isEmpty() ? "" : "WHERE " + String.join(" AND ", and), params);
    }

    /** True when the hourly rollup holds everything this filter asks about (agent, kind, verdict, time). */
    static boolean rollupCanServe(AuditFilter f) {
        return f.sessions().isEmpty() && f.workspaces().isEmpty() && f.severities().isEmpty() && f.decidedBy().isEmpty()
                && f.rules().isEmpty() && f.approvals().isEmpty() && f.text().isEmpty()
                && (f.types().isEmpty() || f.types().contains("action"));
    }

    /** WHERE over {@code audit_rollup a}; times are widened to whole hours (a chart, not a count). */
    static Where rollupWhere(AuditFilter f, long hour) {
        List<String> and = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        in(and, params, "a.agent", f.agents());
        in(and, params, "a.kind", f.kinds());
        in(and, params, "a.verdict", f.verdicts());
        if (f.since() != null) {
            and.add("a.hour >= ?");
            params.add(f.since().toEpochMilli() / hour * hour);
        }
        if (f.until() != null) {
            and.add("a.hour < ?");
            params.add(f.until().toEpochMilli());
        }
        return new Where(and.isEmpty() ? "" : "WHERE " + String.join(" AND ", and), params);
    }

    private static void in(List<String> and, List<Object> params, String column, Set<String> values) {
        if (values.isEmpty()) {
            return;
        }
        and.add(column + " IN (" + String.join(",", java.util.Collections.nCopies(values.size(), "?")) + ")");
        params.addAll(values);
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
