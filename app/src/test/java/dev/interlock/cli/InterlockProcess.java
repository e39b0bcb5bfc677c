package dev.interlock.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code interlock} as a real child process: the JVM with this build's classpath and
 * {@code dev.interlock.cli.Main} (what {@code bin/interlock} runs), with its own {@code INTERLOCK_HOME}.
 */
final class InterlockProcess {
    record Result(int exit, String out, String err) {
    }

    private InterlockProcess() {
    }

    static List<String> command(Path bundledPacks, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Dinterlock.packs.dir=" + bundledPacks);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.interlock.cli.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }

    static ProcessBuilder builder(Path home, Path bundledPacks, String... args) {
        ProcessBuilder pb = new ProcessBuilder(command(bundledPacks, args));
        pb.environment().put("INTERLOCK_HOME", home.toString());
        return pb;
    }

    static Result run(Path home, Path bundledPacks, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("il-out", ".txt");
        Path err = Files.createTempFile("il-err", ".txt");
        Process p = builder(home, bundledPacks, args).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("interlock " + String.join(" ", args) + " did not finish");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    /** Starts {@code serve --headless}; returns once run/endpoint answers. */
    static Process serve(Path home, Path bundledPacks, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve", "--headless"));
        args.addAll(List.of(extra));
        Path log = home.resolveSibling(home.getFileName() + "-serve.log");
        Files.createDirectories(home);
        Process p = builder(home, bundledPacks, args.toArray(String[]::new)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        dev.interlock.config.DataDir dir = new dev.interlock.config.DataDir(home);
        for (int i = 0; i < 600; i++) {
            var c = dev.interlock.server.ControlClient.connect(dir, false);
            if (c.isPresent() && c.get().status().isPresent()) {
                return p;
            }
            if (!p.isAlive()) {
                throw new AssertionError("serve exited " + p.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new AssertionError("serve did not come up: " + Files.readString(log));
    }
}
