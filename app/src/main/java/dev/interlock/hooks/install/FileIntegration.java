package dev.interlock.hooks.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What every file-based integration has: the agent's names and where its user and project config live. */
abstract class FileIntegration implements Integration {
    protected final String agent;
    protected final String display;
    protected final List<String> binaries;
    protected final String homeDir;
    protected final String userFile;
    protected final String projectFile;

    FileIntegration(String agent, String display, List<String> binaries, String homeDir, String userFile,
                    String projectFile) {
        this.agent = agent;
        this.display = display;
        this.binaries = binaries;
        this.homeDir = homeDir;
        this.userFile = userFile;
        this.projectFile = projectFile;
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
}
