package dev.interlock.watch;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts deletions and overwrites in a sliding window and reports once when they exceed a threshold; it re-arms
 * after the workspace has been quiet for one window. Not thread-safe: one detector per watched workspace, fed
 * from its watcher thread.
 */
public final class BurstDetector {
    public enum Change { DELETE, OVERWRITE }

    private record Event(Instant at, Change change, String directory) {
    }

    private final Path workspace;
    private final int threshold;
    private final Duration window;
    private final Clock clock;
    private final Deque<Event> events = new ArrayDeque<>();
    private boolean alerted;

    public BurstDetector(Path workspace, int threshold, Duration window, Clock clock) {
        if (threshold < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("threshold must be positive and window longer than zero");
        }
        this.workspace = workspace;
        this.threshold = threshold;
        this.window = window;
        this.clock = clock;
    }

    /** Records one change; returns an alert the moment the window's count first exceeds the threshold. */
    public Optional<BurstAlert> record(Path file, Change change) {
        Instant now = clock.instant();
        expire(now);
        if (events.isEmpty()) {
            alerted = false;
        }
        Path rel = file.startsWith(workspace) ? workspace.relativize(file) : file;
        String dir = rel.getParent() == null ? "./" : topLevel(rel) + "/";
        events.addLast(new Event(now, change, dir));
        if (!alerted && events.size() > threshold) {
            alerted = true;
            return Optional.of(alert(now));
        }
        return Optional.empty();
    }

    private static String topLevel(Path rel) {
        return rel.getNameCount() > 2 ? rel.subpath(0, 2).toString().replace('\\', '/') : rel.getParent().toString().replace('\\', '/');
    }

    private void expire(Instant now) {
        Instant cutoff = now.minus(window);
        while (!events.isEmpty() && events.peekFirst().at().isBefore(cutoff)) {
            events.removeFirst();
        }
    }

    private BurstAlert alert(Instant now) {
        int deleted = 0;
        Map<String, Integer> byDir = new HashMap<>();
        for (Event e : events) {
            if (e.change() == Change.DELETE) {
                deleted++;
            }
            byDir.merge(e.directory(), 1, Integer::sum);
        }
        List<BurstAlert.DirectoryCount> top = byDir.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(e -> new BurstAlert.DirectoryCount(e.getKey(), e.getValue())).toList();
        return new BurstAlert(workspace.toString(), deleted, events.size() - deleted, window, top, now);
    }
}
