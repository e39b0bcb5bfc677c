package dev.interlock.policy.file;

import dev.interlock.action.FileAccess;
import dev.interlock.policy.Subject;
import dev.interlock.policy.TextOrigin;
import java.util.List;

/**
 * A file path about to be read, written, edited or deleted: from a file-access action, or (later) from a shell
 * command that reads or writes a file.
 *
 * @param path     the path as given
 * @param resolved absolute, normalised path (relative paths resolved against the cwd; {@code ~} expanded)
 * @param mode     what will be done
 * @param origin   where {@code path} sits in the original action
 */
public record FileSubject(String path, String resolved, FileAccess.Mode mode, TextOrigin origin) implements Subject {
    public static final String TYPE = "file";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> indexKeys() {
        return List.of();
    }

    @Override
    public String describe() {
        return mode.word() + " " + resolved;
    }
}
