package dev.interlock.correlate;

import dev.interlock.secrets.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The secrets found in files agents read, keyed by path and remembered while the file's size and modification
 * time stay the same: agents read the same files again and again, and a scan costs milliseconds.
 */
final class ScanCache {
    private record Stamp(long size, long modifiedNanos, Object fileKey) {
    }

    private record Entry(Stamp stamp, List<Finding> findings) {
    }

    private final Map<Path, Entry> entries;

    ScanCache(int capacity) {
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The findings of {@code file}, scanning it with {@code scan} unless it is unchanged since the last scan. */
    List<Finding> findings(Path file, Function<Path, List<Finding>> scan) {
        Stamp stamp = stamp(file);
        if (stamp == null) {
            return List.of();
        }
        synchronized (entries) {
            Entry e = entries.get(file);
            if (e != null && e.stamp().equals(stamp)) {
                return e.findings();
            }
        }
        List<Finding> found = List.copyOf(scan.apply(file));
        // A file written during the scan gets a new stamp, so a stale result is never kept for the new content.
        if (stamp.equals(stamp(file))) {
            synchronized (entries) {
                entries.put(file, new Entry(stamp, found));
            }
        }
        return found;
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return null;
            }
            return new Stamp(a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), a.fileKey());
        } catch (IOException e) {
            return null;
        }
    }
}
