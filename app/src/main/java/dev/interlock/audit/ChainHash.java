package dev.interlock.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain's row hash: SHA-256 over the previous hash and the row as a compact JSON array
 * {@code [id, ts, type, kind, …, output]}. The array's tail (everything after id and time) is serialised once,
 * outside the audit write lock, so the writer only hashes bytes it already has. The format is fixed by every log
 * written so far: changing a byte of it breaks verification of existing logs.
 */
final class ChainHash {
    private static final JsonFactory JSON = new JsonFactory();

    private ChainHash() {
    }

    /** The row after its id and time, as {@code ,"type",…,output]} in UTF-8 (ready to follow {@code [id,ts}). */
    static byte[] tail(AuditRecord r) {
        StringWriter out = new StringWriter(256 + length(r.actionJson()) + length(r.output()) + length(r.rulesJson()));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            g.writeString(r.type());
            g.writeString(r.kind());
            g.writeString(r.summary());
            g.writeString(r.actionJson());
            g.writeString(r.agent());
            g.writeString(r.sessionId());
            g.writeString(r.toolCallId());
            g.writeString(r.workspace());
            g.writeString(r.policyVerdict());
            g.writeString(r.severity());
            g.writeString(r.rulesJson());
            g.writeString(r.notesJson());
            g.writeString(r.environment());
            g.writeString(r.verdict());
            g.writeString(r.decidedBy());
            g.writeNumber(r.waitMs());
            g.writeString(r.approvalId());
            g.writeString(r.reply());
            g.writeNumber(r.refId());
            if (r.exitCode() == null) {
                g.writeNull();
            } else {
                g.writeNumber(r.exitCode());
            }
            g.writeString(r.output());
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        StringBuilder s = new StringBuilder(out.getBuffer());
        s.setCharAt(0, ',');
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String of(String prev, long id, long ts, byte[] tail) {
        MessageDigest md = SHA256.get(); // digest() leaves it reset
        md.update(prev.getBytes(StandardCharsets.UTF_8));
        md.update(("[" + id + "," + ts).getBytes(StandardCharsets.US_ASCII));
        md.update(tail);
        return HexFormat.of().formatHex(md.digest());
    }

    static String of(String prev, AuditRecord r) {
        return of(prev, r.id(), r.time().toEpochMilli(), tail(r));
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    /** One digest per thread: looking one up costs more than hashing a row. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ChainHash::sha256);

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
