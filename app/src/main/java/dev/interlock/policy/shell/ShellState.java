package dev.interlock.policy.shell;

import java.util.HashMap;
import java.util.Map;

/**
 * What the analyser knows about the shell while it walks a script in order: the working directory (changed by
 * {@code cd DIR} where DIR is static) and variables assigned literal values. Subshells, pipeline members and
 * substitutions work on a copy, as bash does.
 */
final class ShellState {
    /** Working directory, or {@code null} when it is not known statically. */
    String cwd;
    final Map<String, String> vars;

    ShellState(String cwd, Map<String, String> vars) {
        this.cwd = cwd;
        this.vars = new HashMap<>(vars);
    }

    ShellState copy() {
        return new ShellState(cwd, vars);
    }

    ShellState withCwd(String newCwd) {
        ShellState s = copy();
        s.cwd = newCwd;
        return s;
    }
}
