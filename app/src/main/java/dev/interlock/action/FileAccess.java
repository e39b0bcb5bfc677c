package dev.interlock.action;

import java.util.Objects;

/**
 * A file the agent is about to read, write, edit or delete (agent Read/Write/Edit tools, the watcher).
 *
 * @param path    the path as the agent gave it (absolute or relative to {@code cwd})
 * @param mode    what will be done to it
 * @param cwd     working directory the path is relative to, or {@code null}
 * @param content for writes and edits, the new content or a bounded prefix of it; {@code null} otherwise
 */
public record FileAccess(String path, Mode mode, String cwd, String content) implements Action {
    public enum Mode {
        READ, WRITE, EDIT, DELETE;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public FileAccess {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mode, "mode");
    }

    public FileAccess(String path, Mode mode) {
        this(path, mode, null, null);
    }

    @Override
    public String kind() {
        return "file";
    }

    @Override
    public String summary() {
        return mode.word() + " " + path;
    }
}
