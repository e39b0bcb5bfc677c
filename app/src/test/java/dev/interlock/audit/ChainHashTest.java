package dev.interlock.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every audit log ever written is verified with this hash: its bytes must never change. */
class ChainHashTest {
    private static final String[] AWKWARD = {null, "", "plain", "quote \" and backslash \\", "line\nbreak\r\ttab",
        "\u0000\u0001\u001f control", "ünïcødé ✓ 日本", "emoji 🙂", "lone \ud800 surrogate", "</script>/slash",
        "{\"json\":[1,2]}", "\u2028\u2029 separators", "\u007f del"};

    /** The serialisation the chain was first written with (Jackson ArrayNode#toString), kept here as the reference. */
    private static String reference(String prev, AuditRecord r) throws Exception {
        ArrayNode a = new ObjectMapper().createArrayNode();
        a.add(r.id()).add(r.time().toEpochMilli()).add(r.type()).add(r.kind()).add(r.summary()).add(r.actionJson())
                .add(r.agent()).add(r.sessionId()).add(r.toolCallId()).add(r.workspace()).add(r.policyVerdict())
                .add(r.severity()).add(r.rulesJson()).add(r.notesJson()).add(r.environment()).add(r.verdict())
                .add(r.decidedBy()).add(r.waitMs()).add(r.approvalId()).add(r.reply()).add(r.refId());
        if (r.exitCode() == null) {
            a.addNull();
        } else {
            a.add(r.exitCode());
        }
        a.add(r.output());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(prev.getBytes(StandardCharsets.UTF_8));
        md.update(a.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    private static AuditRecord record(Random rnd) {
        String[] s = new String[18];
        for (int i = 0; i < s.length; i++) {
            s[i] = AWKWARD[rnd.nextInt(AWKWARD.length)];
        }
        return new AuditRecord(rnd.nextInt(1_000_000) + 1, Instant.ofEpochMilli(1_700_000_000_000L + rnd.nextInt()),
                s[0] == null ? "action" : s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11],
                s[12], s[13], s[14], rnd.nextInt(100_000), s[15], s[16], rnd.nextBoolean() ? 0 : rnd.nextInt(5000),
                rnd.nextBoolean() ? null : rnd.nextInt(512) - 256, s[17], AuditLog.GENESIS, null);
    }

    @Test
    void matchesTheOriginalSerialisationForAwkwardText() throws Exception {
        Random rnd = new Random(42);
        String prev = AuditLog.GENESIS;
        for (int i = 0; i < 2_000; i++) {
            AuditRecord r = record(rnd);
            String expected = reference(prev, r);
            assertEquals(expected, ChainHash.of(prev, r), "row " + i + ": " + r);
            prev = expected;
        }
    }

    @Test
    void everyFieldIsCovered() {
        AuditRecord r = record(new Random(7));
        AuditRecord other = new AuditRecord(r.id(), r.time(), r.type(), r.kind(), r.summary(), r.actionJson(),
                r.agent(), r.sessionId(), r.toolCallId(), r.workspace(), r.policyVerdict(), r.severity(), r.rulesJson(),
                r.notesJson(), r.environment(), r.verdict(), r.decidedBy(), r.waitMs(), r.approvalId(), r.reply(),
                r.refId(), r.exitCode(), r.output() + "x", r.prevHash(), null);
        assertNotEquals(ChainHash.of(AuditLog.GENESIS, r), ChainHash.of(AuditLog.GENESIS, other));
        AuditRecord later = new AuditRecord(r.id() + 1, r.time(), r.type(), r.kind(), r.summary(), r.actionJson(),
                r.agent(), r.sessionId(), r.toolCallId(), r.workspace(), r.policyVerdict(), r.severity(), r.rulesJson(),
                r.notesJson(), r.environment(), r.verdict(), r.decidedBy(), r.waitMs(), r.approvalId(), r.reply(),
                r.refId(), r.exitCode(), r.output(), r.prevHash(), null);
        assertNotEquals(ChainHash.of(AuditLog.GENESIS, r), ChainHash.of(AuditLog.GENESIS, later));
    }
}
