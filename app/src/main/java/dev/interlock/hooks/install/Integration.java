package dev.interlock.hooks.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** How Interlock is wired into one agent's configuration (agent-integrations.md, "Where to register"). */
public interface Integration {

    /** The agent id, as in {@code interlock install <agent>}. */
    String agent();

    /** Human name for messages. */
    String displayName();

    /** Programs whose presence on PATH means the agent is installed. */
    List<String> binaries();

    /** The directory whose existence means the agent has been used by this user. */
    Path homeDir(Path home);

    /** The user-level file Interlock edits. */
    Path userFile(Path home);

    /** The project-level file, or empty when the agent has no documented project-level location. */
    Optional<Path> projectFile(Path projectDir);

    /**
     * The file's new text with Interlock wired in, replacing any earlier Interlock entry (idempotent).
     *
     * @param existing the current text, or empty when the file does not exist
     * @throws IllegalArgumentException when the file cannot be edited safely (with what to do instead)
     */
    String wire(Optional<String> existing, HookTarget target);

    /** The file's text without Interlock; empty means "delete the file" (it held nothing else). */
    Optional<String> unwire(String existing);

    /** Whether the text has Interlock wired in. */
    boolean isWired(String existing);

    /** Extra steps the user must take after installing (trust prompts, feature flags), or empty. */
    default String afterInstall() {
        return "";
    }

    /** Whether the file must be executable (hook scripts). */
    default boolean executable() {
        return false;
    }
}
