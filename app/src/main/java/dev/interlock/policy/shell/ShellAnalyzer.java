package dev.interlock.policy.shell;

import dev.interlock.action.Action;
import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Analyzer;
import dev.interlock.policy.SubjectSink;

/**
 * Shell commands: parses the script with tree-sitter-bash and emits a {@link CommandSubject} for every simple
 * command (after unwrapping sudo, env, bash -c, ssh, docker exec, xargs, find -exec, …), a
 * {@link ConstructSubject} for what cannot be resolved statically, and a file subject per output redirection.
 */
public final class ShellAnalyzer implements Analyzer {
    @Override
    public boolean accepts(Action action) {
        return action instanceof ShellCommand;
    }

    @Override
    public void analyze(Action action, SubjectSink sink) {
        ShellCommand c = (ShellCommand) action;
        new ScriptWalker(c.script(), sink).run(c.cwd(), c.env());
    }
}
