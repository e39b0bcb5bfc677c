package dev.interlock.hooks.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Agents where Interlock owns a whole file: a Copilot hooks file, a Cline hook script, the OpenCode plugin. A file
 * of the same name that Interlock did not write is never overwritten.
 */
final class OwnFile implements Integration {
    private final String agent;
    private final String display;
    private final List<String> binaries;
    private final String homeDir;
    private final String userFile;
    private final String projectFile;
    private final Function<HookTarget, String> content;
    private final boolean executable;
    private final String after;

    OwnFile(String agent, String display, List<String> binaries, String homeDir, String userFile, String projectFile,
            Function<HookTarget, String> content, boolean executable, String after) {
        this.agent = agent;
        this.display = display;
        this.binaries = binaries;
        this.homeDir = homeDir;
        this.userFile = userFile;
        this.projectFile = projectFile;
        this.content = content;
        this.executable = executable;
        this.after = after;
    }

    @Override
    public String agent() {
        return agent;
    }

    @Override
    public String displayName() {
        return display;
    }

    @Override
    public List<String> binaries() {
        return binaries;
    }

    @Override
    public Path homeDir(Path home) {
        return home.resolve(homeDir);
    }

    @Override
    public Path userFile(Path home) {
        return home.resolve(userFile);
    }

    @Override
    public Optional<Path> projectFile(Path projectDir) {
        return Optional.of(projectDir.resolve(projectFile));
    }

    @Override
    public boolean executable() {
        return executable;
    }

    @Override
    public String afterInstall() {
        return after;
    }

    @Override
    public String wire(Optional<String> existing, HookTarget t) {
        if (existing.isPresent() && !existing.get().isBlank() && !isWired(existing.get())) {
            throw new IllegalArgumentException("a file that Interlock did not write is already there; move it away "
                    + "(or merge it by hand with Interlock's version:\n" + content.apply(t) + ")");
        }
        return content.apply(t);
    }

    @Override
    public Optional<String> unwire(String existing) {
        return isWired(existing) ? Optional.empty() : Optional.of(existing);
    }

    @Override
    public boolean isWired(String existing) {
        return existing.contains("interlock-hook");
    }
}
