package dev.interlock.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code interlock hook <agent>} in the JVM: asks the running service first (here a real loopback server). */
class HookCommandTest {
    @TempDir
    Path home;
    private final PrintStream realOut = System.out;
    private final PrintStream realErr = System.err;
    private final InputStream realIn = System.in;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void redirect() {
        System.setProperty("interlock.home", home.toString());
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.clearProperty("interlock.home");
        System.setOut(realOut);
        System.setErr(realErr);
        System.setIn(realIn);
    }

    @Test
    void asksTheServiceAndPrintsTheAgentsReply() throws Exception {
        try (LoopbackHookServer server = new LoopbackHookServer(TestGuard.always(TestGuard.timeoutDeny()), "tok-j",
                home.resolve("run"))) {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(
                    Path.of("src/test/resources/hooks/payloads/windsurf-pre-run-command.json"))));
            int exit = Main.run("hook", "windsurf");
            assertEquals(2, exit, err.toString(StandardCharsets.UTF_8));
            assertEquals(1, server.requests.get());
            String e = err.toString(StandardCharsets.UTF_8);
            assertTrue(e.contains("ap-7") && e.contains("railway/volume-delete — Deletes"), e);
            assertEquals("", out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void garbageOnStdinFailsClosedNotOpen() {
        System.setIn(new ByteArrayInputStream("\u0000\u0001 not json".getBytes(StandardCharsets.UTF_8)));
        int exit = Main.run("hook", "--offline", "test", "claude-code");
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Blocked by Interlock"));
    }
}
