package dev.interlock.cli;

import dev.interlock.hooks.HookHandler;
import dev.interlock.hooks.install.Integration;
import dev.interlock.hooks.install.Integrations;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code install} and {@code uninstall} share: which agent, which file (user or project level). */
final class AgentConfigOptions {
    @Parameters(index = "0", paramLabel = "AGENT",
            description = "claude-code, cursor, gemini, codex, copilot, cline, windsurf, amp or opencode.")
    String agent;

    @Option(names = "--project", paramLabel = "DIR", description = "Edit the project-level config of DIR instead of the user's.")
    Path project;

    @Option(names = "--home", paramLabel = "DIR", hidden = true, description = "Home directory (tests).")
    Path home;

    Integration integration() {
        String a = HookHandler.canonical(agent);
        return Integrations.forAgent(a).orElseThrow(() -> new IllegalArgumentException("unknown agent '" + agent
                + "'; known: " + Integrations.all().stream().map(Integration::agent).toList()));
    }

    Path home() {
        return home != null ? home : Path.of(System.getProperty("user.home"));
    }

    Path file(Integration i) {
        if (project == null) {
            return i.userFile(home());
        }
        Optional<Path> p = i.projectFile(project.toAbsolutePath().normalize());
        return p.orElseThrow(() -> new IllegalArgumentException(i.displayName()
                + " has no documented project-level config; install it at user level (without --project)"));
    }
}
