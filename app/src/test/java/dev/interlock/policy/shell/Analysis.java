package dev.interlock.policy.shell;

import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Subject;
import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.file.FileSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs the real analyzer on a script and keeps what it emitted, for assertions. */
final class Analysis {
    static final String CWD = "/home/dev/project";

    final String script;
    final List<Subject> subjects = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    private Analysis(String script) {
        this.script = script;
    }

    static Analysis of(String script) {
        return of(script, CWD);
    }

    static Analysis of(String script, String cwd) {
        Analysis a = new Analysis(script);
        new ShellAnalyzer().analyze(new ShellCommand(script, cwd), new SubjectSink() {
            @Override
            public void add(Subject subject) {
                a.subjects.add(subject);
            }

            @Override
            public void note(String step) {
                a.notes.add(step);
            }
        });
        return a;
    }

    List<CommandSubject> commands() {
        return subjects.stream().filter(s -> s instanceof CommandSubject).map(s -> (CommandSubject) s).toList();
    }

    List<String> programs() {
        return commands().stream().map(CommandSubject::program).toList();
    }

    List<ConstructSubject> constructs() {
        return subjects.stream().filter(s -> s instanceof ConstructSubject).map(s -> (ConstructSubject) s).toList();
    }

    List<String> kinds() {
        return constructs().stream().map(ConstructSubject::kind).distinct().toList();
    }

    List<FileSubject> files() {
        return subjects.stream().filter(s -> s instanceof FileSubject).map(s -> (FileSubject) s).toList();
    }

    /** The last command subject with this program (the innermost, after unwrapping). */
    CommandSubject last(String program) {
        Optional<CommandSubject> found = Optional.empty();
        for (CommandSubject c : commands()) {
            if (c.program().equals(program)) {
                found = Optional.of(c);
            }
        }
        return found.orElseThrow(() -> new AssertionError("no '" + program + "' subject in " + describe()));
    }

    List<String> args(String program) {
        return last(program).args().stream().map(Word::text).toList();
    }

    String describe() {
        return subjects.stream().map(Subject::describe).toList().toString();
    }
}
