package dev.interlock.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Many files deleted or overwritten in a workspace within a short window: what an agent's runaway
 * {@code rm -rf} or bulk rewrite looks like from the file system.
 *
 * @param workspace      the watched workspace
 * @param deleted        files deleted in the window
 * @param overwritten    files modified in the window
 * @param window         the window length
 * @param topDirectories the directories (relative to the workspace) with the most changes, most first, with counts
 * @param at             when the threshold was crossed
 */
public record BurstAlert(String workspace, int deleted, int overwritten, Duration window,
                         List<DirectoryCount> topDirectories, Instant at) {
    public record DirectoryCount(String directory, int changes) {
    }

    public int total() {
        return deleted + overwritten;
    }

    /** "612 files deleted, 3 overwritten in 10 s in ~/shop (src/ 400, data/ 212)". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(deleted).append(" files deleted, ").append(overwritten).append(" overwritten in ")
                .append(window.toSeconds()).append(" s in ").append(workspace);
        if (!topDirectories.isEmpty()) {
            sb.append(" (");
            for (int i = 0; i < topDirectories.size(); i++) {
                DirectoryCount d = topDirectories.get(i);
                sb.append(i > 0 ? ", " : "").append(d.directory()).append(' ').append(d.changes());
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
