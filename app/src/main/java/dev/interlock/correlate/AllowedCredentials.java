package dev.interlock.correlate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.interlock.config.DataDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The credentials the user means an agent to use, per workspace, by fingerprint and label
 * ({@code allowed-credentials.json}). Using any other credential the agent found for a destructive action is
 * critical.
 */
public final class AllowedCredentials {
    public record Entry(String workspace, String fingerprint, String label) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;
    private volatile List<Entry> entries;
    /** Size and modification time of the file as last read: `interlock credentials` edits it from another process. */
    private volatile String stamp;

    private AllowedCredentials(Path file, List<Entry> entries, String stamp) {
        this.file = file;
        this.entries = List.copyOf(entries);
        this.stamp = stamp;
    }

    public static AllowedCredentials load(Path file) throws IOException {
        String stamp = stampOf(file);
        return new AllowedCredentials(file, read(file), stamp);
    }

    private static List<Entry> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() { });
        } catch (IOException e) {
            throw new IOException(file + ": not a list of {workspace, fingerprint, label}: " + e.getMessage(), e);
        }
    }

    private static String stampOf(Path file) {
        try {
            var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return a.size() + "@" + a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS) + "#" + a.fileKey();
        } catch (IOException e) {
            return "absent";
        }
    }

    /**
     * Picks up edits made by another process. A file that no longer reads allows nothing (every found credential
     * is then treated as not allowed, the strict side) until it is fixed.
     */
    private void refresh() {
        String now = stampOf(file);
        if (now.equals(stamp)) {
            return;
        }
        synchronized (this) {
            if (now.equals(stamp)) {
                return;
            }
            try {
                entries = List.copyOf(read(file));
            } catch (IOException e) {
                System.err.println("interlock: " + e.getMessage() + " (no credential counts as allowed until it is fixed)");
                entries = List.of();
            }
            stamp = now;
        }
    }

    public List<Entry> entries() {
        refresh();
        return entries;
    }

    /**
     * The label under which {@code fingerprint} is allowed in {@code workspace} (a directory inside the labelled
     * workspace counts) or in every workspace.
     */
    public Optional<String> allowed(String workspace, String fingerprint) {
        refresh();
        for (Entry e : entries) {
            if (e.fingerprint().equals(fingerprint) && (e.workspace() == null || within(workspace, e.workspace()))) {
                return Optional.of(e.label());
            }
        }
        return Optional.empty();
    }

    private static boolean within(String workspace, String labelled) {
        if (workspace == null) {
            return false;
        }
        try {
            return Path.of(workspace).normalize().startsWith(Path.of(labelled).normalize());
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    public synchronized void add(Entry entry) throws IOException {
        List<Entry> next = new ArrayList<>(read(file));
        next.removeIf(e -> e.fingerprint().equals(entry.fingerprint()) && java.util.Objects.equals(e.workspace(), entry.workspace()));
        next.add(entry);
        save(next);
    }

    public synchronized boolean remove(String fingerprint, String workspace) throws IOException {
        List<Entry> next = new ArrayList<>(read(file));
        boolean removed = next.removeIf(e -> e.fingerprint().equals(fingerprint)
                && (workspace == null || workspace.equals(e.workspace())));
        if (removed) {
            save(next);
        }
        return removed;
    }

    private void save(List<Entry> next) throws IOException {
        DataDir.writePrivate(file, JSON.writeValueAsBytes(next));
        entries = List.copyOf(next);
        stamp = stampOf(file);
    }
}
