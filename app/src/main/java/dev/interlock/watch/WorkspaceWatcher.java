package dev.interlock.watch;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches the workspaces agents work in (recursively: native on macOS, inotify on Linux) and raises a
 * {@link BurstAlert} when too many files are deleted or overwritten too fast. Vendored and build directories
 * (node_modules, target, …) are ignored: rebuilding them is routine, and they are where most file churn is.
 */
public final class WorkspaceWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WorkspaceWatcher.class.getName());
    static final Set<String> IGNORED = Set.of(".git", "node_modules", ".venv", "venv", "__pycache__", ".tox",
            ".gradle", ".next", ".nuxt", ".terraform", "target", "dist", "build", ".cache", ".idea");

    public record Thresholds(int files, Duration window) {
        public static final Thresholds DEFAULT = new Thresholds(200, Duration.ofSeconds(10));
    }

    private final Thresholds thresholds;
    private final Consumer<BurstAlert> alerts;
    private final Clock clock;
    private final Map<Path, DirectoryWatcher> watchers = new ConcurrentHashMap<>();

    public WorkspaceWatcher(Thresholds thresholds, Consumer<BurstAlert> alerts, Clock clock) {
        this.thresholds = thresholds;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Starts watching {@code workspace} (idempotent). Returns when the initial registration is done. */
    public void watch(Path workspace) throws IOException {
        Path root = workspace.toAbsolutePath().normalize();
        if (watchers.containsKey(root)) {
            return;
        }
        BurstDetector detector = new BurstDetector(root, thresholds.files(), thresholds.window(), clock);
        DirectoryWatcher w = DirectoryWatcher.builder()
                .path(root)
                .fileHashing(false)
                .listener(event -> onEvent(root, detector, event))
                .build();
        if (watchers.putIfAbsent(root, w) != null) {
            w.close();
            return;
        }
        w.watchAsync();
    }

    public Set<Path> watched() {
        return Set.copyOf(watchers.keySet());
    }

    private void onEvent(Path root, BurstDetector detector, DirectoryChangeEvent event) {
        if (event.path() == null || event.isDirectory() || ignored(root, event.path())) {
            return;
        }
        BurstDetector.Change change = switch (event.eventType()) {
            case DELETE -> BurstDetector.Change.DELETE;
            case MODIFY -> BurstDetector.Change.OVERWRITE;
            default -> null;
        };
        if (change == null) {
            return;
        }
        synchronized (detector) {
            detector.record(event.path(), change).ifPresent(alert -> {
                try {
                    alerts.accept(alert);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "burst alert listener failed", e);
                }
            });
        }
    }

    static boolean ignored(Path root, Path file) {
        Path rel = file.startsWith(root) ? root.relativize(file) : file;
        for (Path part : rel) {
            if (IGNORED.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    public void unwatch(Path workspace) throws IOException {
        DirectoryWatcher w = watchers.remove(workspace.toAbsolutePath().normalize());
        if (w != null) {
            w.close();
        }
    }

    @Override
    public void close() throws IOException {
        for (DirectoryWatcher w : watchers.values()) {
            w.close();
        }
        watchers.clear();
    }
}
