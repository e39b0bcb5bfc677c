package dev.interlock.policy;

import java.util.List;
import java.util.Map;

/**
 * A loaded policy pack: one YAML file.
 *
 * @param name         the pack's name; equals the file name without {@code .yaml}
 * @param title        human title ("Railway")
 * @param description  what the pack covers
 * @param references   the provider references the rules were checked against
 * @param inspectHosts hosts whose TLS the proxy terminates so the rules can see requests
 * @param locked       a locked pack cannot be switched off by the user (self-protection)
 * @param rules        compiled rules in file order
 * @param sections     extra top-level sections read by registered {@link PackSection}s (e.g. secret detectors)
 * @param source       where it was loaded from
 */
public record Pack(String name, String title, String description, List<String> references, List<String> inspectHosts,
                   boolean locked, List<Rule> rules, Map<String, Object> sections, String source) {
    public Pack {
        references = List.copyOf(references);
        inspectHosts = List.copyOf(inspectHosts);
        rules = List.copyOf(rules);
        sections = Map.copyOf(sections);
    }
}
