package dev.interlock.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/** Walks the hash chain and names the first link that fails. */
final class AuditVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditVerifier() {
    }

    static VerifyReport verify(Connection c) throws SQLException {
        long anchorId = 0;
        String expectedPrev = AuditLog.GENESIS;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT through_id, hash FROM chain_anchor ORDER BY through_id DESC LIMIT 1")) {
            if (rs.next()) {
                anchorId = rs.getLong(1);
                expectedPrev = rs.getString(2);
            }
        }
        String anchorHash = expectedPrev;
        boolean anchorConfirmed = anchorId == 0;
        long checked = 0;
        long prevId = anchorId;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit WHERE id > ? ORDER BY id")) {
            ps.setLong(1, anchorId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AuditRecord r = read(rs);
                    checked++;
                    if (!r.prevHash().equals(expectedPrev)) {
                        String what = prevId == anchorId && anchorId > 0
                                ? "does not link to the retention anchor after row " + anchorId
                                : prevId == 0 ? "does not start the chain (rows before it were deleted)"
                                : "does not link to row " + prevId + " before it: a row between them was deleted, "
                                + "or row " + prevId + "'s hash was rewritten";
                        return new VerifyReport(false, checked, r.id(), "row " + r.id() + " " + what);
                    }
                    String h = AuditLog.hash(r.prevHash(), r);
                    if (!h.equals(r.hash())) {
                        return new VerifyReport(false, checked, r.id(), "row " + r.id()
                                + " was changed after it was written: its content does not match its hash");
                    }
                    if (!anchorConfirmed && "checkpoint".equals(r.type()) && confirms(r.actionJson(), anchorId, anchorHash)) {
                        anchorConfirmed = true;
                    }
                    expectedPrev = r.hash();
                    prevId = r.id();
                }
            }
        }
        if (!anchorConfirmed) {
            return new VerifyReport(false, checked, anchorId, "the retention anchor at row " + anchorId
                    + " is not confirmed by any checkpoint row: rows at the start were removed outside retention");
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT last_id, hash FROM chain_head WHERE one = 1")) {
            if (rs.next()) {
                long headId = rs.getLong(1);
                String headHash = rs.getString(2);
                if (headId != prevId || !headHash.equals(expectedPrev)) {
                    return new VerifyReport(false, checked, headId, "the log ends at row " + prevId
                            + " but its head records row " + headId + ": rows at the end were deleted or changed");
                }
            } else if (checked > 0) {
                return new VerifyReport(false, checked, 0, "the chain head is missing");
            }
        }
        return new VerifyReport(true, checked, 0, "");
    }

    private static boolean confirms(String json, long anchorId, String anchorHash) {
        try {
            JsonNode n = JSON.readTree(json);
            return n.path("throughId").asLong() == anchorId && anchorHash.equals(n.path("hash").asText());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static AuditRecord read(ResultSet rs) throws SQLException {
        Object exit = rs.getObject("exit_code");
        Object ref = rs.getObject("ref_id");
        return new AuditRecord(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("ts")), rs.getString("type"),
                rs.getString("kind"), rs.getString("summary"), rs.getString("action_json"), rs.getString("agent"),
                rs.getString("session_id"), rs.getString("tool_call_id"), rs.getString("workspace"),
                rs.getString("policy_verdict"), rs.getString("severity"), rs.getString("rules_json"),
                rs.getString("notes_json"), rs.getString("environment"), rs.getString("verdict"),
                rs.getString("decided_by"), rs.getLong("wait_ms"), rs.getString("approval_id"), rs.getString("reply"),
                ref == null ? 0 : ((Number) ref).longValue(), exit == null ? null : ((Number) exit).intValue(),
                rs.getString("output"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
