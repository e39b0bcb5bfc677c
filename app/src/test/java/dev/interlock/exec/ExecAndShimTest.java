package dev.interlock.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.ShellCommand;
import dev.interlock.broker.Guard;
import dev.interlock.broker.Resolution;
import dev.interlock.hooks.LoopbackHookServer;
import dev.interlock.hooks.TestDistribution;
import dev.interlock.policy.Decision;
import dev.interlock.policy.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code interlock exec} through the real launcher, and the {@code interlock run} shims and guarded shell as real
 * processes against a loopback service whose guard blocks any command containing "rm -rf".
 */
class ExecAndShimTest {
    @TempDir
    static Path tmp;
    static Path dist;
    static final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void distribution() throws Exception {
        dist = TestDistribution.build(tmp.resolve("dist"));
    }

    static Guard blocksRmRf() {
        return (action, origin) -> {
            String s = action instanceof ShellCommand c ? c.script() : action.summary();
            seen.add(origin.agent() + ": " + s);
            boolean bad = s.contains("rm -rf") || s.contains("rm -r -f");
            return new Resolution(bad ? Verdict.DENY : Verdict.ALLOW, Decision.allow(), "policy", Duration.ZERO,
                    bad ? "ap-3" : null, bad ? "Recursive delete." : "");
        };
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(List<String> cmd, Map<String, String> env, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("INTERLOCK") || k.startsWith("CLAUDE"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "o", ".txt");
        Path err = Files.createTempFile(tmp, "e", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not finish: " + cmd);
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void execPassesStdioExitCodeAndSignalsThrough() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home-exec"));
        Map<String, String> env = Map.of("INTERLOCK_HOME", home.toString());
        String interlock = dist.resolve("bin/interlock").toString();
        try (LoopbackHookServer s = new LoopbackHookServer(blocksRmRf(), "tok-x", home.resolve("run"))) {
            Run r = run(List.of(interlock, "exec", "--", "sh", "-c", "read x; echo \"out:$x\"; echo err >&2; exit 7"), env,
                    "hello\n");
            assertEquals(new Run(7, "out:hello\n", "err\n"), r);
            Run killed = run(List.of(interlock, "exec", "--", "sh", "-c", "kill -TERM $$"), env, "");
            assertEquals(128 + 15, killed.exit(), killed.err());
        }
    }

    @Test
    void execDoesNotStartABlockedCommand() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home-exec-deny"));
        Path victim = Files.createDirectories(tmp.resolve("victim1"));
        try (LoopbackHookServer s = new LoopbackHookServer(blocksRmRf(), "tok-e", home.resolve("run"))) {
            Run r = run(List.of(dist.resolve("bin/interlock").toString(), "exec", "--", "rm", "-rf", victim.toString()),
                    Map.of("INTERLOCK_HOME", home.toString()), "");
            assertEquals(126, r.exit());
            assertTrue(r.err().contains("ap-3"), r.err());
            assertTrue(Files.isDirectory(victim));
        }
    }

    @Test
    void shimsAndGuardedShellCheckEveryCommandAndDoNotRecurse() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home-run"));
        Path victim = Files.createDirectories(tmp.resolve("victim2"));
        Files.writeString(victim.resolve("f"), "x");
        try (LoopbackHookServer s = new LoopbackHookServer(blocksRmRf(), "tok-r", home.resolve("run"))) {
            Path shims = ShimDir.ensure(home.resolve("shims"), dist.resolve("share/hooks/interlock-shim"));
            Map<String, String> base = new HashMap<>(System.getenv());
            base.put("INTERLOCK_HOME", home.toString());
            base.put("SHELL", "/bin/sh");
            Map<String, String> env = RunEnvironment.build(base, shims, dist, "aider");
            seen.clear();

            // a program on PATH: rm -rf is blocked before it starts, plain rm of one file is allowed
            Run blocked = run(List.of("/bin/sh", "-c", "rm -rf '" + victim + "'; echo after:$?"), env, "");
            assertEquals("after:126\n", blocked.out(), blocked.err());
            assertTrue(blocked.err().contains("Recursive delete"), blocked.err());
            assertTrue(Files.exists(victim.resolve("f")));
            Run allowed = run(List.of("/bin/sh", "-c", "rm '" + victim.resolve("f") + "' && echo gone"), env, "");
            assertEquals("gone\n", allowed.out(), allowed.err());

            // $SHELL -c is checked as a whole; curl (itself shimmed) is used by the check without recursing
            Files.createDirectories(victim.resolve("d"));
            Run viaShell = run(List.of(env.get("SHELL"), "-c", "cd '" + victim + "' && rm -rf d"), env, "");
            assertEquals(126, viaShell.exit(), viaShell.err());
            assertTrue(Files.isDirectory(victim.resolve("d")));
            Run okShell = run(List.of(env.get("SHELL"), "-c", "echo fine"), env, "");
            assertEquals(new Run(0, "fine\n", ""), okShell);
            Run piped = run(List.of(env.get("SHELL")), env, "echo from-stdin\n");
            assertEquals("from-stdin\n", piped.out(), piped.err());

            assertTrue(seen.contains("aider: rm -rf " + victim), seen.toString());
            assertTrue(seen.stream().allMatch(x -> x.startsWith("aider: ")), seen.toString());
            assertFalse(seen.stream().anyMatch(x -> x.contains("curl")), "the hook's own curl is not checked: " + seen);
        }
    }
}
