package dev.interlock.hooks.install;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code interlock doctor} finds out about one agent on this machine. */
public record AgentProbe(Integration integration, boolean found, Optional<Path> binary, Optional<String> version,
                         Path userFile, boolean wired, List<String> missing) {
    private static final Pattern CLIENT = Pattern.compile("\"?([^\"\\s]*interlock-(?:hook|amp)(?:\\.cmd)?)\"?");

    public static AgentProbe probe(Integration i, Path home, String pathEnv, Optional<Path> projectDir) {
        Optional<Path> bin = i.binaries().stream().map(b -> onPath(b, pathEnv)).flatMap(Optional::stream).findFirst();
        boolean found = bin.isPresent() || Files.isDirectory(i.homeDir(home));
        Path user = i.userFile(home);
        List<String> missing = new ArrayList<>();
        boolean wired = false;
        List<Path> files = new ArrayList<>(List.of(user));
        projectDir.flatMap(i::projectFile).filter(Files::exists).ifPresent(files::add);
        for (Path f : files) {
            Optional<String> text = read(f);
            if (text.isPresent() && i.isWired(text.get())) {
                wired = true;
                Matcher m = CLIENT.matcher(text.get());
                if (m.find()) {
                    Path client = Path.of(m.group(1));
                    if (!Files.isExecutable(client)) {
                        missing.add("the hook client named in " + f + " (" + client + ") is missing or not executable: "
                                + "run `interlock install " + i.agent() + "` again");
                    }
                }
            }
        }
        if (found && !wired) {
            missing.add("Interlock is not wired in: run `interlock install " + i.agent() + "`");
        }
        if (found && bin.isEmpty()) {
            missing.add("no " + String.join("/", i.binaries()) + " on PATH (version unknown)");
        }
        Optional<String> version = bin.flatMap(AgentProbe::version);
        return new AgentProbe(i, found, bin, version, user, wired, missing);
    }

    static Optional<String> read(Path f) {
        try {
            return Files.isRegularFile(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static Optional<Path> onPath(String program, String pathEnv) {
        if (pathEnv == null) {
            return Optional.empty();
        }
        for (String dir : pathEnv.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String ext : new String[] {"", ".exe", ".cmd"}) {
                Path p = Path.of(dir, program + ext);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** First line of {@code <binary> --version}, with a short timeout (some agents start slowly or prompt). */
    static Optional<String> version(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null")))
                    .start();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
            int nl = out.indexOf('\n');
            String first = nl < 0 ? out : out.substring(0, nl);
            return p.exitValue() == 0 && !first.isBlank() ? Optional.of(first.strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
