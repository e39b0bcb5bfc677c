package dev.interlock.hooks.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Agents whose {@code hooks.json} holds {@code "hooks": {"<event>": [{handler}]}}: Cursor and Windsurf. Interlock
 * owns the handlers whose command is its client.
 */
final class FlatHooks extends FileIntegration {
    /** event name → extra fields for that event's handler (e.g. Cursor's matcher). */
    private final Map<String, Map<String, String>> events;
    private final BiConsumer<ObjectNode, HookTarget> handler;
    private final boolean versioned;

    FlatHooks(String agent, String display, List<String> binaries, String homeDir, String userFile, String projectFile,
              Map<String, Map<String, String>> events, BiConsumer<ObjectNode, HookTarget> handler, boolean versioned) {
        super(agent, display, binaries, homeDir, userFile, projectFile);
        this.events = events;
        this.handler = handler;
        this.versioned = versioned;
    }

    private ObjectNode build(HookTarget t) {
        ObjectNode root = JsonConfig.JSON.createObjectNode();
        fill(root, t);
        return root;
    }

    private void fill(ObjectNode root, HookTarget t) {
        if (versioned && !root.has("version")) {
            root.put("version", 1);
        }
        ObjectNode hooks = JsonConfig.object(root, "hooks");
        events.forEach((event, extra) -> {
            ObjectNode h = JsonConfig.array(hooks, event).addObject();
            handler.accept(h, t);
            extra.forEach(h::put);
        });
    }

    @Override
    public String wire(Optional<String> existing, HookTarget t) {
        ObjectNode root = JsonConfig.read(existing, JsonConfig.write(build(t)));
        removeOurs(root);
        fill(root, t);
        return JsonConfig.write(root);
    }

    @Override
    public Optional<String> unwire(String existing) {
        ObjectNode root = JsonConfig.read(Optional.of(existing), "");
        removeOurs(root);
        if (versioned && root.size() == 1 && root.has("version")) {
            return Optional.empty(); // only the version marker Interlock added is left
        }
        return Optional.of(JsonConfig.write(root));
    }

    @Override
    public boolean isWired(String existing) {
        try {
            JsonNode hooks = JsonConfig.read(Optional.of(existing), "").path("hooks");
            return events.keySet().stream().allMatch(e -> {
                for (JsonNode h : hooks.path(e)) {
                    if (HookTarget.isOurs(h.path("command").asText(null))) {
                        return true;
                    }
                }
                return false;
            });
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void removeOurs(ObjectNode root) {
        JsonNode hooksNode = root.get("hooks");
        if (hooksNode == null || !hooksNode.isObject()) {
            return;
        }
        ObjectNode hooks = (ObjectNode) hooksNode;
        List<String> names = new ArrayList<>();
        hooks.fieldNames().forEachRemaining(names::add);
        for (String e : names) {
            if (hooks.get(e).isArray()) {
                JsonConfig.removeIf((ArrayNode) hooks.get(e), h -> HookTarget.isOurs(h.path("command").asText(null)));
                JsonConfig.pruneEmpty(hooks, e);
            }
        }
        JsonConfig.pruneEmpty(root, "hooks");
    }
}
