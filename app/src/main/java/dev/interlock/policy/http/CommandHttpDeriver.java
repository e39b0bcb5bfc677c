package dev.interlock.policy.http;

import dev.interlock.policy.Deriver;
import dev.interlock.policy.Subject;
import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.shell.CommandSubject;
import java.util.Set;

/** A deriver that turns one kind of command (curl, wget, gh api, az rest…) into the HTTP request it sends. */
abstract class CommandHttpDeriver implements Deriver {
    private final Set<String> programs;

    CommandHttpDeriver(Set<String> programs) {
        this.programs = Set.copyOf(programs);
    }

    @Override
    public final String subjectType() {
        return CommandSubject.TYPE;
    }

    @Override
    public final void derive(Subject subject, SubjectSink sink) {
        CommandSubject c = (CommandSubject) subject;
        if (programs.contains(c.program())) {
            derive(c, sink);
        }
    }

    /** Called for commands of one of this deriver's programs. */
    abstract void derive(CommandSubject c, SubjectSink sink);
}
