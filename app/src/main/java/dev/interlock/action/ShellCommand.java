package dev.interlock.action;

import java.util.Map;
import java.util.Objects;

/**
 * A shell command line (a whole script, not a single argv) about to run in {@code cwd}.
 *
 * @param script the command text exactly as the agent wrote it
 * @param cwd    working directory, or {@code null} when the sensor does not know it
 * @param env    the part of the environment that matters for the decision (e.g. variables the agent set)
 */
public record ShellCommand(String script, String cwd, Map<String, String> env) implements Action {
    public ShellCommand {
        Objects.requireNonNull(script, "script");
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public ShellCommand(String script, String cwd) {
        this(script, cwd, Map.of());
    }

    public ShellCommand(String script) {
        this(script, null, Map.of());
    }

    @Override
    public String kind() {
        return "shell";
    }

    @Override
    public String summary() {
        return script;
    }
}
