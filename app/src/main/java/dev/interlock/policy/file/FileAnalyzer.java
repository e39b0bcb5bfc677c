package dev.interlock.policy.file;

import dev.interlock.action.Action;
import dev.interlock.action.FileAccess;
import dev.interlock.policy.Analyzer;
import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.TextOrigin;

/** A file-access action is one subject: its path. */
public final class FileAnalyzer implements Analyzer {
    @Override
    public boolean accepts(Action action) {
        return action instanceof FileAccess;
    }

    @Override
    public void analyze(Action action, SubjectSink sink) {
        FileAccess f = (FileAccess) action;
        sink.add(new FileSubject(f.path(), PathResolver.resolve(f.path(), f.cwd()), f.mode(),
                TextOrigin.whole("path", f.path())));
    }
}
