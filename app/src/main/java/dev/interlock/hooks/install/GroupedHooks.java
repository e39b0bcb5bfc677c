package dev.interlock.hooks.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Agents whose settings hold {@code "hooks": {"<Event>": [{"matcher": "…", "hooks": [{handler}]}]}}: Claude Code,
 * Gemini CLI and Codex CLI. Interlock owns one matcher group per event; other groups, and other handlers in a
 * group, are left alone.
 */
final class GroupedHooks extends FileIntegration {
    private final List<String> events;
    private final String matcher;
    private final BiConsumer<ObjectNode, HookTarget> handler;
    private final String after;

    GroupedHooks(String agent, String display, List<String> binaries, String homeDir, String userFile, String projectFile,
                 List<String> events, String matcher, BiConsumer<ObjectNode, HookTarget> handler, String after) {
        super(agent, display, binaries, homeDir, userFile, projectFile);
        this.events = events;
        this.matcher = matcher;
        this.handler = handler;
        this.after = after;
    }

    @Override
    public String afterInstall() {
        return after;
    }

    private ObjectNode group(HookTarget t) {
        ObjectNode g = JsonConfig.JSON.createObjectNode();
        if (matcher != null) {
            g.put("matcher", matcher);
        }
        ObjectNode h = g.putArray("hooks").addObject();
        handler.accept(h, t);
        return g;
    }

    @Override
    public String wire(Optional<String> existing, HookTarget t) {
        ObjectNode root = JsonConfig.read(existing, snippet(t));
        removeOurs(root);
        ObjectNode hooks = JsonConfig.object(root, "hooks");
        for (String e : events) {
            JsonConfig.array(hooks, e).add(group(t));
        }
        return JsonConfig.write(root);
    }

    String snippet(HookTarget t) {
        ObjectNode root = JsonConfig.JSON.createObjectNode();
        ObjectNode hooks = root.putObject("hooks");
        events.forEach(e -> hooks.putArray(e).add(group(t)));
        return JsonConfig.write(root);
    }

    @Override
    public Optional<String> unwire(String existing) {
        ObjectNode root = JsonConfig.read(Optional.of(existing), "");
        removeOurs(root);
        return Optional.of(JsonConfig.write(root));
    }

    @Override
    public boolean isWired(String existing) {
        try {
            ObjectNode root = JsonConfig.read(Optional.of(existing), "");
            JsonNode hooks = root.path("hooks");
            return events.stream().allMatch(e -> {
                for (JsonNode g : hooks.path(e)) {
                    for (JsonNode h : g.path("hooks")) {
                        if (HookTarget.isOurs(h.path("command").asText(null))) {
                            return true;
                        }
                    }
                }
                return false;
            });
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Removes Interlock's handlers from every event (not only ours: an older install may have used others). */
    private static void removeOurs(ObjectNode root) {
        JsonNode hooksNode = root.get("hooks");
        if (hooksNode == null || !hooksNode.isObject()) {
            return;
        }
        ObjectNode hooks = (ObjectNode) hooksNode;
        List<String> names = new java.util.ArrayList<>();
        hooks.fieldNames().forEachRemaining(names::add);
        for (String e : names) {
            if (!hooks.get(e).isArray()) {
                continue;
            }
            ArrayNode groups = (ArrayNode) hooks.get(e);
            for (JsonNode g : groups) {
                if (g.path("hooks").isArray()) {
                    JsonConfig.removeIf((ArrayNode) g.get("hooks"), h -> HookTarget.isOurs(h.path("command").asText(null)));
                }
            }
            JsonConfig.removeIf(groups, g -> g.path("hooks").isArray() && g.path("hooks").isEmpty());
            JsonConfig.pruneEmpty(hooks, e);
        }
        JsonConfig.pruneEmpty(root, "hooks");
    }
}
