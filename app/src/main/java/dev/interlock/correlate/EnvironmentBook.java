package dev.interlock.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which environment a target belongs to: the user's own labels ({@code environments.json}: hosts, kube contexts,
 * AWS profiles and account ids, Railway/Vercel/Supabase project and environment ids, database hosts), ids the
 * proxy learned from read-only responses, and name heuristics ({@code prod}, {@code production}, {@code live}).
 *
 * <pre>{"production": ["db.prod.internal", "arn-prod-ctx", "3f6c…"], "staging": ["stg-db"]}</pre>
 */
public final class EnvironmentBook {
    public static final String PRODUCTION = "production";
    public static final String STAGING = "staging";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PRODUCTION_WORDS = List.of("prod", "production", "prd", "live");
    private static final List<String> STAGING_WORDS = List.of("staging", "stage", "stg", "preview", "dev",
            "development", "test", "qa", "sandbox");

    private final Map<String, String> labels = new ConcurrentHashMap<>();
    private final Map<String, String> learned = new ConcurrentHashMap<>();

    /** Loads user labels; a missing file means none. A malformed file is an error naming the file. */
    public static EnvironmentBook load(Path file) throws IOException {
        EnvironmentBook book = new EnvironmentBook();
        if (!Files.isRegularFile(file)) {
            return book;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": expected an object {\"production\": [\"host\", …], …}");
        }
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray()) {
                throw new IOException(file + ": field '" + e.getKey() + "' must be a list of names");
            }
            for (JsonNode v : e.getValue()) {
                book.label(v.asText(), e.getKey());
            }
        }
        return book;
    }

    public void label(String name, String environment) {
        labels.put(name.toLowerCase(Locale.ROOT), environment.toLowerCase(Locale.ROOT));
    }

    public void learn(String id, String environmentName) {
        String env = classify(environmentName).orElse(environmentName.toLowerCase(Locale.ROOT));
        learned.put(id.toLowerCase(Locale.ROOT), env);
    }

    public Optional<String> learnedFor(String id) {
        return Optional.ofNullable(learned.get(id.toLowerCase(Locale.ROOT)));
    }

    /**
     * The environment an action's text points at: user labels first, then learned ids, then name heuristics.
     * Production wins over anything else found in the same text.
     */
    public Optional<String> environmentOf(List<String> tokens) {
        String best = null;
        for (String raw : tokens) {
            String t = raw.toLowerCase(Locale.ROOT);
            String env = labels.get(t);
            if (env == null) {
                env = learned.get(t);
            }
            if (env == null) {
                env = classify(t).orElse(null);
            }
            if (env != null) {
                if (env.equals(PRODUCTION)) {
                    return Optional.of(PRODUCTION);
                }
                best = best == null ? env : best;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Name heuristics on the segments of a name ({@code db.prod.internal}, {@code shop-production}). */
    static Optional<String> classify(String name) {
        List<String> segments = segments(name.toLowerCase(Locale.ROOT));
        for (String s : segments) {
            if (PRODUCTION_WORDS.contains(s)) {
                return Optional.of(PRODUCTION);
            }
        }
        for (String s : segments) {
            if (STAGING_WORDS.contains(s)) {
                return Optional.of(STAGING);
            }
        }
        return Optional.empty();
    }

    /** The parts of a name between {@code - _ . / :} (every action's every token passes here: no regex). */
    private static List<String> segments(String name) {
        List<String> out = new java.util.ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || "-_./:".indexOf(name.charAt(i)) >= 0) {
                if (i > start) {
                    out.add(name.substring(start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }

    /**
     * Learns id → environment from a JSON response: any object with an {@code id} and an environment name next
     * to it ({@code environment: {name}}, {@code environmentName}, {@code environment: "…"}) — and the ids of
     * objects nested inside it (a volume inside a volume instance of that environment).
     */
    public int learnFromJson(JsonNode node) {
        return walk(node, null);
    }

    private int walk(JsonNode node, String inheritedEnv) {
        int learnedCount = 0;
        if (node == null) {
            return 0;
        }
        if (node.isArray()) {
            for (JsonNode n : node) {
                learnedCount += walk(n, inheritedEnv);
            }
            return learnedCount;
        }
        if (!node.isObject()) {
            return 0;
        }
        String env = environmentName(node);
        if (env == null) {
            env = inheritedEnv;
        }
        JsonNode id = node.get("id");
        if (env != null && id != null && id.isTextual() && id.asText().length() >= 4) {
            learn(id.asText(), env);
            learnedCount++;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("environment")) {
                learnedCount += walk(e.getValue(), env);
            }
        }
        return learnedCount;
    }

    private static String environmentName(JsonNode o) {
        JsonNode env = o.get("environment");
        if (env != null && env.isObject() && env.path("name").isTextual()) {
            return env.get("name").asText();
        }
        if (env != null && env.isTextual()) {
            return env.asText();
        }
        JsonNode name = o.get("environmentName");
        return name != null && name.isTextual() ? name.asText() : null;
    }
}
