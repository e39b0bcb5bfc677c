package dev.interlock.hooks.install;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Agents where Interlock owns a whole file: a Copilot hooks file, a Cline hook script, the OpenCode plugin. A file
 * of the same name that Interlock did not write is never overwritten.
 */
final class OwnFile extends FileIntegration {
    private final Function<HookTarget, String> content;
    private final boolean executable;
    private final String after;

    OwnFile(String agent, String display, List<String> binaries, String homeDir, String userFile, String projectFile,
            Function<HookTarget, String> content, boolean executable, String after) {
        super(agent, display, binaries, homeDir, userFile, projectFile);
        this.content = content;
        this.executable = executable;
        this.after = after;
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
