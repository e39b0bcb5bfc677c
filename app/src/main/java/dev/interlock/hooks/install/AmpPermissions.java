package dev.interlock.hooks.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Amp: a first {@code amp.permissions} rule {@code {"tool":"*","action":"delegate","to":".../interlock-amp"}} in
 * {@code ~/.config/amp/settings.json} (first matching rule wins, so Interlock's goes first). The workspace-level
 * settings location is not documented, so there is no project install.
 */
final class AmpPermissions implements Integration {
    static final String KEY = "amp.permissions";

    @Override
    public String agent() {
        return "amp";
    }

    @Override
    public String displayName() {
        return "Amp";
    }

    @Override
    public List<String> binaries() {
        return List.of("amp");
    }

    @Override
    public Path homeDir(Path home) {
        return home.resolve(".config/amp");
    }

    @Override
    public Path userFile(Path home) {
        return home.resolve(".config/amp/settings.json");
    }

    @Override
    public Optional<Path> projectFile(Path projectDir) {
        return Optional.empty();
    }

    static Path delegate(HookTarget t) {
        return t.client().resolveSibling(t.client().getFileName().toString().replace("interlock-hook", "interlock-amp"));
    }

    private static ObjectNode rule(HookTarget t) {
        ObjectNode r = JsonConfig.JSON.createObjectNode();
        r.put("tool", "*");
        r.put("action", "delegate");
        r.put("to", delegate(t).toString());
        return r;
    }

    @Override
    public String wire(Optional<String> existing, HookTarget t) {
        ObjectNode snippet = JsonConfig.JSON.createObjectNode();
        snippet.putArray(KEY).add(rule(t));
        ObjectNode root = JsonConfig.read(existing, JsonConfig.write(snippet));
        ArrayNode rules = JsonConfig.array(root, KEY);
        JsonConfig.removeIf(rules, AmpPermissions::ours);
        rules.insert(0, rule(t));
        return JsonConfig.write(root);
    }

    private static boolean ours(JsonNode r) {
        return "delegate".equals(r.path("action").asText()) && HookTarget.isOurs(r.path("to").asText(null));
    }

    @Override
    public Optional<String> unwire(String existing) {
        ObjectNode root = JsonConfig.read(Optional.of(existing), "");
        if (root.get(KEY) instanceof ArrayNode rules) {
            JsonConfig.removeIf(rules, AmpPermissions::ours);
            JsonConfig.pruneEmpty(root, KEY);
        }
        return Optional.of(JsonConfig.write(root));
    }

    @Override
    public boolean isWired(String existing) {
        try {
            JsonNode rules = JsonConfig.read(Optional.of(existing), "").path(KEY);
            return rules.isArray() && !rules.isEmpty() && ours(rules.get(0));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String afterInstall() {
        return "Check it with: amp permissions test Bash --cmd \"git push\"";
    }
}
