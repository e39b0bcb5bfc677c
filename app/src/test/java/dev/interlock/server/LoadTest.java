package dev.interlock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.audit.AuditFilter;
import dev.interlock.config.DataDir;
import dev.interlock.hooks.HookAdapters;
import dev.interlock.service.GuardService;
import dev.interlock.service.TestPacks;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 concurrent clients × 200 actions through the real loopback API, one in ten an ask that nobody answers
 * (short deadline): every client is answered correctly, no audit row is lost or duplicated, the chain holds.
 */
class LoadTest {
    static final int CLIENTS = 50;
    static final int ACTIONS = 200;
    static final int ASK_EVERY = 10;

    @TempDir
    Path tmp;

    @Test
    void fiftyClientsTimesTwoHundredActions() throws Exception {
        try (GuardService guard = TestPacks.guard(tmp, Duration.ofMillis(300));
             ControlServer server = ControlServer.start(guard, new HookAdapters(), 0)) {
            ControlClient client = ControlClient.connect(guard.dataDir(), false).orElseThrow();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            AtomicInteger wrong = new AtomicInteger();
            long t0 = System.nanoTime();
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int clientNo = c;
                done.add(pool.submit(() -> {
                    int answered = 0;
                    for (int i = 0; i < ACTIONS; i++) {
                        boolean ask = i % ASK_EVERY == 0;
                        String path = ask ? "/p/c" + clientNo + "/a" + i + "/.env" : "/p/c" + clientNo + "/f" + i;
                        String body = "{\"action\":{\"kind\":\"file\",\"path\":\"" + path + "\",\"mode\":\"read\"},"
                                + "\"origin\":{\"agent\":\"load\",\"sessionId\":\"c" + clientNo + "\",\"toolCallId\":\"c"
                                + clientNo + "-" + i + "\"}}";
                        JsonNode r = client.postRaw("/v1/decide", body, Duration.ofSeconds(30)).json();
                        String expected = ask ? "timeout" : "policy";
                        if (r == null || !expected.equals(r.path("decidedBy").asText())) {
                            wrong.incrementAndGet();
                        }
                        answered++;
                    }
                    return answered;
                }));
            }
            int answered = 0;
            for (Future<Integer> f : done) {
                answered += f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("load: %d actions from %d clients in %d ms (%.0f/s)%n", answered, CLIENTS, ms,
                    answered * 1000.0 / ms);
            assertEquals(CLIENTS * ACTIONS, answered);
            assertEquals(0, wrong.get(), "every client got the right answer");
            int total = CLIENTS * ACTIONS;
            int asks = CLIENTS * (ACTIONS / ASK_EVERY);
            assertEquals(total, guard.audit().count(AuditFilter.parse("type:action")));
            assertEquals(asks, guard.audit().count(AuditFilter.parse("type:action decided:timeout")),
                    "every unanswered ask is on record as denied at its deadline");
            assertEquals(0, guard.audit().count(AuditFilter.parse("type:answer")),
                    "waiting callers' rows carry the answer: no duplicate answer rows");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + guard.dataDir().database());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(DISTINCT tool_call_id), count(*) FROM audit WHERE type = 'action'")) {
                rs.next();
                assertEquals(total, rs.getInt(1), "no duplicated or lost tool calls");
                assertEquals(total, rs.getInt(2));
            }
            assertTrue(guard.audit().verify().ok());
            assertTrue(guard.desk().pending().isEmpty());
        }
    }
}
