package dev.interlock.policy;

import dev.interlock.config.DataDir;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The user's own pack ({@code packs/user.yaml}): rules added from the packs view and the "always" answers of the
 * prompts. New rules are appended to what the file holds, and the result is loaded and its examples run before
 * anything is written, so a rule that would not work never reaches the file.
 */
public final class UserPack {
    /** The pack with the new rules appended: its YAML, and the outcome of running every example in it. */
    public record Draft(String yaml, PackTester.Report report) {
    }

    private UserPack() {
    }

    /**
     * @throws IOException   the file exists but cannot be read or is not a mapping
     * @throws PackException the new rules do not load (the message says where and why)
     */
    public static Draft withRules(Path file, List<?> added) throws IOException, PackException {
        Map<String, Object> pack = read(file);
        @SuppressWarnings("unchecked")
        List<Object> rules = (List<Object>) pack.get("rules");
        rules.addAll(added);
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setWidth(200);
        String yaml = "# Your own policy pack (see policy-packs/README.md). Interlock appends \"always\" answers here.\n"
                + new Yaml(o).dump(pack);
        Pack loaded = Policies.loader().load(new StringReader(yaml), file.toString(), "user");
        return new Draft(yaml, PackTester.test(loaded));
    }

    /** Writes a draft's YAML (owner-only, like everything in the data directory). */
    public static void save(Path file, String yaml) throws IOException {
        DataDir.ensurePrivateDir(file.getParent());
        DataDir.writePrivate(file, yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> read(Path file) throws IOException {
        Map<String, Object> pack = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            pack.put("pack", "user");
            pack.put("title", "Your own rules");
            pack.put("description", "Rules you added, including the \"always\" answers given in Interlock's prompts.");
        } else {
            Object o;
            try {
                o = new Yaml().load(Files.readString(file, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new IOException(file + " is not valid YAML: " + e.getMessage(), e);
            }
            if (!(o instanceof Map<?, ?> m)) {
                throw new IOException(file + " is not a pack (expected a mapping)");
            }
            m.forEach((k, v) -> pack.put(String.valueOf(k), v));
        }
        Object rules = pack.get("rules");
        pack.put("rules", rules instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>());
        return pack;
    }
}
