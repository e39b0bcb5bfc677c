package dev.interlock.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes audit rows as JSON lines or CSV (RFC 4180 quoting), one at a time. */
public final class AuditExport {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final List<String> CSV_COLUMNS = List.of("id", "time", "type", "kind", "summary", "agent", "session",
            "tool_call", "workspace", "policy_verdict", "severity", "verdict", "decided_by", "wait_ms", "approval",
            "rules", "notes", "environment", "reply", "ref", "exit_code", "output", "action", "prev_hash", "hash");

    private final ExportFormat format;
    private final Writer out;

    public AuditExport(ExportFormat format, Writer out) {
        this.format = format;
        this.out = out;
    }

    public void header() throws IOException {
        if (format == ExportFormat.CSV) {
            out.write(String.join(",", CSV_COLUMNS));
            out.write("\r\n");
        }
    }

    public void row(AuditRecord r) throws IOException {
        if (format == ExportFormat.JSONL) {
            out.write(toJson(r).toString());
            out.write("\n");
            return;
        }
        Object[] v = {r.id(), r.time(), r.type(), r.kind(), r.summary(), r.agent(), r.sessionId(), r.toolCallId(),
                r.workspace(), r.policyVerdict(), r.severity(), r.verdict(), r.decidedBy(), r.waitMs(), r.approvalId(),
                r.rulesJson(), r.notesJson(), r.environment(), r.reply(), r.refId() == 0 ? null : r.refId(),
                r.exitCode(), r.output(), r.actionJson(), r.prevHash(), r.hash()};
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(csv(v[i]));
        }
        out.write("\r\n");
    }

    static String csv(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** One row as a JSON object (the JSONL export and {@code interlock audit --json}). */
    public static ObjectNode toJson(AuditRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", r.id());
        o.put("time", r.time().toString());
        o.put("type", r.type());
        o.put("kind", r.kind());
        o.put("summary", r.summary());
        o.put("agent", r.agent());
        o.put("sessionId", r.sessionId());
        o.put("toolCallId", r.toolCallId());
        o.put("workspace", r.workspace());
        o.put("policyVerdict", r.policyVerdict());
        o.put("severity", r.severity());
        o.put("verdict", r.verdict());
        o.put("decidedBy", r.decidedBy());
        o.put("waitMs", r.waitMs());
        o.put("approvalId", r.approvalId());
        o.set("rules", parse(r.rulesJson()));
        o.set("notes", parse(r.notesJson()));
        o.put("environment", r.environment());
        o.put("reply", r.reply());
        if (r.refId() != 0) {
            o.put("refId", r.refId());
        }
        if (r.exitCode() != null) {
            o.put("exitCode", r.exitCode());
        }
        o.put("output", r.output());
        o.set("action", parse(r.actionJson()));
        o.put("prevHash", r.prevHash());
        o.put("hash", r.hash());
        return o;
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        if (json == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }
}
