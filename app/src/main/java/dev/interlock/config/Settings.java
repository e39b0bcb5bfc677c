package dev.interlock.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * User settings, stored as {@code settings.json} in the data directory. Every field has a default (the
 * constants below); unknown keys are kept as they are and written back, so a newer version's settings survive
 * an older one. A file that cannot be read, or a field with a bad value, is reported as a {@link Problem}
 * naming the file and field, and the default is used instead: the defaults are the strict ones (fail closed).
 *
 * <p>To add a setting: a private field initialised from a {@code DEFAULT_} constant, a getter, a setter, and a
 * check in {@link #validate()} if some values make no sense.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Settings {
    public static final int DEFAULT_APPROVAL_DEADLINE_SECONDS = 120;
    public static final String DEFAULT_GRANT = "once";
    public static final String DEFAULT_HOTKEY = "ctrl+alt+shift+K";
    public static final int DEFAULT_RETENTION_DAYS = 365;
    public static final int DEFAULT_RETENTION_MAX_MB = 512;
    public static final int DEFAULT_PROXY_PORT = 8788;
    public static final int DEFAULT_PROXY_MAX_BODY_KB = 1024;
    public static final int DEFAULT_CONTROL_PORT = 0;
    public static final int DEFAULT_TOKEN_TTL_SECONDS = 600;
    public static final int DEFAULT_OUTPUT_EXCERPT_CHARS = 4000;
    public static final int DEFAULT_WATCHER_MASS_DELETE_COUNT = 200;
    public static final int DEFAULT_WATCHER_WINDOW_SECONDS = 10;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How long an ask waits for a human before it is denied. Always shorter than the agents' hook timeouts. */
    private int approvalDeadlineSeconds = DEFAULT_APPROVAL_DEADLINE_SECONDS;
    /** The grant pre-selected in prompts: once | minutes | session | always. */
    private String defaultGrant = DEFAULT_GRANT;
    /** The kill-switch hotkey. */
    private String hotkey = DEFAULT_HOTKEY;
    /** Audit rows older than this are pruned (0: keep forever). */
    private int retentionDays = DEFAULT_RETENTION_DAYS;
    /** The audit database is pruned down below this size (0: no limit). */
    private int retentionMaxMb = DEFAULT_RETENTION_MAX_MB;
    /** The HTTP(S) proxy's port. */
    private int proxyPort = DEFAULT_PROXY_PORT;
    /** Extra hosts the proxy decrypts and inspects, besides the packs' inspect_hosts ("*.example.com" allowed). */
    private List<String> proxyInspectHosts = new ArrayList<>();
    /** How much of a request body the guard sees through the proxy (KiB); a longer body is flagged truncated. */
    private int proxyMaxBodyKb = DEFAULT_PROXY_MAX_BODY_KB;
    /** The control API's port on 127.0.0.1 (0: ephemeral, written to run/endpoint). */
    private int controlPort = DEFAULT_CONTROL_PORT;
    /** How long a confirmation token minted by an approval stays valid. */
    private int tokenTtlSeconds = DEFAULT_TOKEN_TTL_SECONDS;
    /** Bound on the output excerpt kept for after-the-fact results. */
    private int outputExcerptChars = DEFAULT_OUTPUT_EXCERPT_CHARS;
    /** Pack names or {@code pack/rule} ids switched off (locked packs ignore this). */
    private List<String> disabled = new ArrayList<>();
    /** Workspace watcher: this many deletes within the window is a mass delete. */
    private int watcherMassDeleteCount = DEFAULT_WATCHER_MASS_DELETE_COUNT;
    private int watcherWindowSeconds = DEFAULT_WATCHER_WINDOW_SECONDS;

    @JsonIgnore
    private final Map<String, JsonNode> unknown = new LinkedHashMap<>();

    /** A setting that could not be used as written; its default applies instead. */
    public record Problem(Path file, String field, String message) {
        @Override
        public String toString() {
            return file + (field == null ? "" : ": field '" + field + "'") + ": " + message;
        }
    }

    /** What {@link #load} found: the settings to use and the problems met on the way. */
    public record Loaded(Settings settings, List<Problem> problems) {
        public Loaded {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static Settings defaults() {
        return new Settings();
    }

    /** Reads {@code settings.json}; a missing file gives the defaults without a problem. */
    public static Loaded load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Loaded(defaults(), List.of());
        } catch (IOException e) {
            return new Loaded(defaults(), List.of(new Problem(file, null, "cannot read: " + e.getMessage())));
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (IOException e) {
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() : "";
            return new Loaded(defaults(), List.of(new Problem(file, null, "not valid JSON" + where
                    + "; using the defaults for every setting")));
        }
        if (tree == null || !tree.isObject()) {
            return new Loaded(defaults(), List.of(new Problem(file, null,
                    "expected a JSON object; using the defaults for every setting")));
        }
        return fromJson((ObjectNode) tree, file);
    }

    public static Loaded load(DataDir dir) {
        return load(dir.settings());
    }

    /** Field by field, so one bad value costs only that value. */
    static Loaded fromJson(ObjectNode tree, Path file) {
        Settings s = defaults();
        List<Problem> problems = new ArrayList<>();
        Set<String> known = knownFields();
        Iterator<Map.Entry<String, JsonNode>> it = tree.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.contains(e.getKey())) {
                s.unknown.put(e.getKey(), e.getValue());
                continue;
            }
            ObjectNode one = JSON.createObjectNode();
            one.set(e.getKey(), e.getValue());
            try {
                JSON.readerForUpdating(s).readValue(one);
            } catch (IOException ex) {
                problems.add(new Problem(file, e.getKey(), "bad value " + e.getValue() + "; using the default"));
                resetField(s, e.getKey());
            }
        }
        for (Problem p : s.validate()) {
            problems.add(new Problem(file, p.field(), p.message()));
            resetField(s, p.field());
        }
        return new Loaded(s, problems);
    }

    private static Set<String> knownFields() {
        Set<String> out = new LinkedHashSet<>();
        for (java.lang.reflect.Field f : Settings.class.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (!java.lang.reflect.Modifier.isStatic(mod) && !f.isAnnotationPresent(JsonIgnore.class)) {
                out.add(f.getName());
            }
        }
        return out;
    }

    private static void resetField(Settings s, String field) {
        try {
            java.lang.reflect.Field f = Settings.class.getDeclaredField(field);
            f.setAccessible(true);
            f.set(s, f.get(new Settings()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no settings field " + field, e);
        }
    }

    /** Values that parse but make no sense. */
    public List<Problem> validate() {
        List<Problem> out = new ArrayList<>();
        if (approvalDeadlineSeconds < 1 || approvalDeadlineSeconds > 3600) {
            out.add(new Problem(null, "approvalDeadlineSeconds", "must be between 1 and 3600 seconds"));
        }
        if (!List.of("once", "minutes", "session", "always").contains(defaultGrant)) {
            out.add(new Problem(null, "defaultGrant", "must be once, minutes, session or always"));
        }
        if (retentionDays < 0) {
            out.add(new Problem(null, "retentionDays", "must be 0 (keep forever) or more"));
        }
        if (retentionMaxMb < 0) {
            out.add(new Problem(null, "retentionMaxMb", "must be 0 (no limit) or more"));
        }
        if (proxyPort < 1 || proxyPort > 65535) {
            out.add(new Problem(null, "proxyPort", "must be a port number 1-65535"));
        }
        if (proxyInspectHosts == null || proxyInspectHosts.stream().anyMatch(h -> h == null
                || !h.matches("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"))) {
            out.add(new Problem(null, "proxyInspectHosts", "must be a list of host names (\"api.example.com\" or "
                    + "\"*.example.com\")"));
        }
        if (proxyMaxBodyKb < 1 || proxyMaxBodyKb > 65536) {
            out.add(new Problem(null, "proxyMaxBodyKb", "must be between 1 and 65536 (KiB)"));
        }
        if (controlPort < 0 || controlPort > 65535) {
            out.add(new Problem(null, "controlPort", "must be 0 (any free port) or a port number"));
        }
        if (tokenTtlSeconds < 1 || tokenTtlSeconds > 86400) {
            out.add(new Problem(null, "tokenTtlSeconds", "must be between 1 second and 1 day"));
        }
        if (outputExcerptChars < 0 || outputExcerptChars > 1_000_000) {
            out.add(new Problem(null, "outputExcerptChars", "must be between 0 and 1000000"));
        }
        if (disabled == null) {
            out.add(new Problem(null, "disabled", "must be a list of pack names or pack/rule ids"));
        }
        if (watcherMassDeleteCount < 1) {
            out.add(new Problem(null, "watcherMassDeleteCount", "must be at least 1"));
        }
        if (watcherWindowSeconds < 1) {
            out.add(new Problem(null, "watcherWindowSeconds", "must be at least 1"));
        }
        return out;
    }

    /** Writes the settings (unknown keys included), readable only by the owner. */
    public void save(Path file) throws IOException {
        DataDir.writePrivate(file, toJson().getBytes(StandardCharsets.UTF_8));
    }

    public void save(DataDir dir) throws IOException {
        save(dir.settings());
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Settings copy() {
        Loaded l = fromJson((ObjectNode) JSON.valueToTree(this), null);
        return l.settings();
    }

    @JsonAnyGetter
    Map<String, JsonNode> unknownKeys() {
        return unknown;
    }

    @JsonAnySetter
    void unknownKey(String key, JsonNode value) {
        unknown.put(key, value);
    }

    /** Keys this version does not know, kept so that saving does not lose them. */
    public Map<String, JsonNode> unknown() {
        return java.util.Collections.unmodifiableMap(unknown);
    }

    // ---- getters and setters -------------------------------------------------------------------------

    public Duration approvalDeadline() {
        return Duration.ofSeconds(approvalDeadlineSeconds);
    }

    public int approvalDeadlineSeconds() {
        return approvalDeadlineSeconds;
    }

    public Settings approvalDeadlineSeconds(int v) {
        approvalDeadlineSeconds = v;
        return this;
    }

    public String defaultGrant() {
        return defaultGrant;
    }

    public Settings defaultGrant(String v) {
        defaultGrant = v;
        return this;
    }

    public String hotkey() {
        return hotkey;
    }

    public Settings hotkey(String v) {
        hotkey = v;
        return this;
    }

    public int retentionDays() {
        return retentionDays;
    }

    public Settings retentionDays(int v) {
        retentionDays = v;
        return this;
    }

    public int retentionMaxMb() {
        return retentionMaxMb;
    }

    public Settings retentionMaxMb(int v) {
        retentionMaxMb = v;
        return this;
    }

    public int proxyPort() {
        return proxyPort;
    }

    public Settings proxyPort(int v) {
        proxyPort = v;
        return this;
    }

    public int controlPort() {
        return controlPort;
    }

    public Settings controlPort(int v) {
        controlPort = v;
        return this;
    }

    public Duration tokenTtl() {
        return Duration.ofSeconds(tokenTtlSeconds);
    }

    public int tokenTtlSeconds() {
        return tokenTtlSeconds;
    }

    public Settings tokenTtlSeconds(int v) {
        tokenTtlSeconds = v;
        return this;
    }

    public int outputExcerptChars() {
        return outputExcerptChars;
    }

    public Settings outputExcerptChars(int v) {
        outputExcerptChars = v;
        return this;
    }

    public List<String> proxyInspectHosts() {
        return proxyInspectHosts == null ? List.of() : List.copyOf(proxyInspectHosts);
    }

    public Settings proxyInspectHosts(List<String> v) {
        proxyInspectHosts = new ArrayList<>(v);
        return this;
    }

    public int proxyMaxBodyKb() {
        return proxyMaxBodyKb;
    }

    public Settings proxyMaxBodyKb(int v) {
        proxyMaxBodyKb = v;
        return this;
    }

    public Set<String> disabled() {
        return disabled == null ? Set.of() : Set.copyOf(disabled);
    }

    public Settings disabled(List<String> v) {
        disabled = new ArrayList<>(v);
        return this;
    }

    public int watcherMassDeleteCount() {
        return watcherMassDeleteCount;
    }

    public Settings watcherMassDeleteCount(int v) {
        watcherMassDeleteCount = v;
        return this;
    }

    public int watcherWindowSeconds() {
        return watcherWindowSeconds;
    }

    public Settings watcherWindowSeconds(int v) {
        watcherWindowSeconds = v;
        return this;
    }
}
