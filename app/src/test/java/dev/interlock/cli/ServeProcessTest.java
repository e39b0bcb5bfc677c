package dev.interlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.audit.AuditFilter;
import dev.interlock.audit.AuditLog;
import dev.interlock.audit.SecretMasker;
import dev.interlock.config.DataDir;
import dev.interlock.server.ControlClient;
import dev.interlock.service.TestPacks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service as a real child process, as users and scripts run it. */
class ServeProcessTest {
    @TempDir
    Path tmp;

    private Process serve;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        if (serve != null && serve.isAlive()) {
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String decide(String path, String mode) {
        return "{\"action\":{\"kind\":\"file\",\"path\":\"" + path + "\",\"mode\":\"" + mode + "\"},"
                + "\"origin\":{\"agent\":\"claude-code\",\"sessionId\":\"s1\",\"workspace\":\"/p\"}}";
    }

    @Test
    void statusSingleInstanceAndCleanStop() throws Exception {
        Path home = tmp.resolve("home");
        Path packs = TestPacks.bundled(tmp);
        InterlockProcess.Result down = InterlockProcess.run(home, packs, "status");
        assertEquals(1, down.exit());
        assertTrue(down.out().contains("not running") && down.out().contains(home.toString()), down.out());

        serve = InterlockProcess.serve(home, packs, "--deadline", "30s");
        InterlockProcess.Result up = InterlockProcess.run(home, packs, "status");
        assertEquals(0, up.exit(), up.out() + up.err());
        assertTrue(up.out().contains("running") && up.out().contains("pid " + serve.pid()), up.out());
        assertTrue(up.out().contains("asks wait 30 s"), up.out());

        InterlockProcess.Result second = InterlockProcess.run(home, packs, "serve", "--headless");
        assertEquals(1, second.exit());
        assertTrue(second.err().contains("already running") && second.err().contains("pid " + serve.pid()), second.err());

        serve.destroy();
        assertTrue(serve.waitFor(15, TimeUnit.SECONDS));
        assertEquals(1, InterlockProcess.run(home, packs, "status").exit());
        assertFalse(Files.exists(home.resolve("run/endpoint")));
    }

    @Test
    void aKillDashNineRightAfterTheReplyLosesNoEvent() throws Exception {
        Path home = tmp.resolve("home");
        Path packs = TestPacks.bundled(tmp);
        serve = InterlockProcess.serve(home, packs);
        ControlClient c = ControlClient.connect(new DataDir(home), false).orElseThrow();
        int n = 40;
        for (int i = 0; i < n; i++) {
            JsonNode r = c.postRaw("/v1/decide", decide("/p/file" + i, "write"), Duration.ofSeconds(10)).json();
            assertEquals("allow", r.path("verdict").asText());
        }
        serve.destroyForcibly(); // SIGKILL: no shutdown hook, no checkpoint
        serve.waitFor(10, TimeUnit.SECONDS);
        try (AuditLog log = AuditLog.open(home.resolve("interlock.db"), new SecretMasker(new byte[32]))) {
            assertEquals(n, log.count(AuditFilter.parse("type:action")));
            assertTrue(log.verify().ok(), log.verify().problem());
        }
    }

    @Test
    void auditVerifyPassesAndCatchesAnEditedRow() throws Exception {
        Path home = tmp.resolve("home");
        Path packs = TestPacks.bundled(tmp);
        serve = InterlockProcess.serve(home, packs, "--deadline", "1s");
        ControlClient c = ControlClient.connect(new DataDir(home), false).orElseThrow();
        for (int i = 0; i < 5; i++) {
            c.postRaw("/v1/decide", decide("/p/f" + i, "read"), Duration.ofSeconds(10));
        }
        c.postRaw("/v1/decide", decide("/p/.env", "read"), Duration.ofSeconds(10));
        InterlockProcess.Result ok = InterlockProcess.run(home, packs, "audit", "verify");
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().startsWith("ok: 6 rows"), ok.out());

        InterlockProcess.Result list = InterlockProcess.run(home, packs, "audit", "--verdict", "deny", "--since", "1h");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("timeout") && list.out().contains("/p/.env"), list.out());
        InterlockProcess.Result json = InterlockProcess.run(home, packs, "audit", "--json", "--limit", "2", "kind:file");
        assertEquals(2, json.out().strip().split("\n").length, json.out());
        Path export = tmp.resolve("all.csv");
        InterlockProcess.Result ex = InterlockProcess.run(home, packs, "audit", "export", "--format", "csv", "--out",
                export.toString());
        assertEquals(0, ex.exit(), ex.err());
        assertEquals(7, Files.readAllLines(export, StandardCharsets.UTF_8).size(), "header and 6 actions");

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("interlock.db"));
             Statement s = db.createStatement()) {
            s.executeUpdate("UPDATE audit SET summary = 'read /p/harmless' WHERE id = 3");
        }
        InterlockProcess.Result broken = InterlockProcess.run(home, packs, "audit", "verify");
        assertEquals(1, broken.exit());
        assertTrue(broken.out().contains("row 3"), broken.out());
    }

    @Test
    void theTerminalPromptApprovesFromTheTtyAndRefusesWithoutOne() throws Exception {
        Path home = tmp.resolve("home");
        Path packs = TestPacks.bundled(tmp);
        serve = InterlockProcess.serve(home, packs, "--deadline", "60s");
        ControlClient c = ControlClient.connect(new DataDir(home), false).orElseThrow();

        InterlockProcess.Result noTty = run(new ProcessBuilder(prepend("setsid", InterlockProcess.command(packs, "approvals"))),
                home, "y\n");
        assertEquals(ExitCodes.USAGE, noTty.exit(), noTty.out() + noTty.err());
        assertTrue(noTty.err().contains("needs a terminal"), noTty.err());

        Future<ControlClient.Response> waiting = pool.submit(() -> c.postRaw("/v1/decide", decide("/p/.env", "read"),
                Duration.ofSeconds(90)));
        ControlClient admin = ControlClient.connect(new DataDir(home), true).orElseThrow();
        for (int i = 0; i < 500 && admin.get("/v1/approvals", Duration.ofSeconds(5)).json().path("pending").isEmpty(); i++) {
            Thread.sleep(10);
        }
        // `script` gives the prompt a pseudo-terminal whose keyboard is our stdin
        String inner = String.join(" ", InterlockProcess.command(packs, "approvals", "--once").stream()
                .map(ServeProcessTest::quote).toList());
        InterlockProcess.Result prompt = run(new ProcessBuilder("script", "-qfec", inner, "/dev/null"), home, "y\n");
        assertEquals(0, prompt.exit(), prompt.out() + prompt.err());
        assertTrue(prompt.out().contains("/p/.env") && prompt.out().contains("test/secret-read"), prompt.out());
        JsonNode res = waiting.get(10, TimeUnit.SECONDS).json();
        assertEquals("allow", res.path("verdict").asText());
        assertEquals("human:terminal", res.path("decidedBy").asText());
    }

    private static java.util.List<String> prepend(String first, java.util.List<String> rest) {
        java.util.List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static InterlockProcess.Result run(ProcessBuilder pb, Path home, String stdin) throws Exception {
        pb.environment().put("INTERLOCK_HOME", home.toString());
        Path out = Files.createTempFile(home.getParent(), "out", ".txt");
        Path err = Files.createTempFile(home.getParent(), "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + Files.readString(out) + Files.readString(err));
        }
        p.getOutputStream().close();
        return new InterlockProcess.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
