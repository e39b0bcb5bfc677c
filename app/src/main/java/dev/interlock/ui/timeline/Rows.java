package dev.interlock.ui.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlock.audit.AuditRecord;
import dev.interlock.ui.prompt.SafeText;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How one audit row reads in the table: every text made safe, derived columns computed. */
final class Rows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", java.util.Locale.US);

    private Rows() {
    }

    static String time(AuditRecord r) {
        return TIME.format(r.time().atZone(ZoneId.systemDefault()));
    }

    static String text(String s) {
        if (s == null) {
            return "";
        }
        String t = SafeText.oneLine(s);
        return t.length() > 300 ? t.substring(0, 299) + "…" : t;
    }

    /** The first rule's target (volume id, database…) from the stored rules, or "". */
    static String target(AuditRecord r) {
        JsonNode rules = rules(r);
        for (JsonNode n : rules) {
            if (n.hasNonNull("target")) {
                return text(n.get("target").asText());
            }
        }
        return "";
    }

    static JsonNode rules(AuditRecord r) {
        if (r.rulesJson() == null || r.rulesJson().isBlank()) {
            return JSON.createArrayNode();
        }
        try {
            JsonNode n = JSON.readTree(r.rulesJson());
            return n != null && n.isArray() ? n : JSON.createArrayNode();
        } catch (java.io.IOException e) {
            return JSON.createArrayNode();
        }
    }

    static String decidedBy(AuditRecord r) {
        String d = r.decidedBy();
        if (d == null) {
            return "";
        }
        return d.startsWith("human:") ? d.substring(6) : d;
    }

    static String waited(AuditRecord r) {
        long ms = r.waitMs();
        if (ms <= 0) {
            return "";
        }
        return ms < 1000 ? ms + " ms" : ms < 120_000 ? (ms / 1000) + " s" : (ms / 60_000) + " min";
    }

    static String pretty(String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (java.io.IOException e) {
            return json;
        }
    }
}
