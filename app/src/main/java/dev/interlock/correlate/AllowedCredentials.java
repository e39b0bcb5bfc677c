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

    private AllowedCredentials(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = List.copyOf(entries);
    }

    public static AllowedCredentials load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new AllowedCredentials(file, List.of());
        }
        try {
            return new AllowedCredentials(file, JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() { }));
        } catch (IOException e) {
            throw new IOException(file + ": not a list of {workspace, fingerprint, label}: " + e.getMessage(), e);
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The label under which {@code fingerprint} is allowed in {@code workspace} (or in every workspace). */
    public Optional<String> allowed(String workspace, String fingerprint) {
        for (Entry e : entries) {
            if (e.fingerprint().equals(fingerprint) && (e.workspace() == null || e.workspace().equals(workspace))) {
                return Optional.of(e.label());
            }
        }
        return Optional.empty();
    }

    public synchronized void add(Entry entry) throws IOException {
        List<Entry> next = new ArrayList<>(entries);
        next.removeIf(e -> e.fingerprint().equals(entry.fingerprint()) && java.util.Objects.equals(e.workspace(), entry.workspace()));
        next.add(entry);
        save(next);
    }

    public synchronized boolean remove(String fingerprint, String workspace) throws IOException {
        List<Entry> next = new ArrayList<>(entries);
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
    }
}
