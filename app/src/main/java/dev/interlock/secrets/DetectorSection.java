package dev.interlock.secrets;

import dev.interlock.policy.PackException;
import dev.interlock.policy.PackSection;
import dev.interlock.policy.YNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code detectors:} section of a pack: credential formats, each with examples that must and must not be
 * detected.
 *
 * <pre>
 * detectors:
 *   - id: github-pat
 *     provider: GitHub
 *     kind: personal access token
 *     scope: account            # account | project | unknown
 *     regex: '\b(ghp_[A-Za-z0-9]{36})\b'
 *     group: 1                  # default 1 when the regex has a group, else 0
 *     entropy: 3.0              # minimum bits per char of the secret (default 0)
 *     keywords: [ghp_]          # prefilter, case-insensitive (default: none)
 *     env_only: false           # only in .env-style files
 *     examples:
 *       match: ["token = ghp_…", "…"]
 *       no_match: ["ghp_short"]
 * </pre>
 */
public final class DetectorSection implements PackSection {
    public static final String KEY = "detectors";

    /** Loaded detectors with their examples. */
    public record Loaded(List<Detector> detectors, List<Example> examples) {
    }

    public record Example(Detector detector, String text, boolean shouldMatch, int line) {
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Object load(YNode node, String packName) throws PackException {
        List<Detector> detectors = new ArrayList<>();
        List<Example> examples = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (YNode d : node.items()) {
            String id = d.get("id").isPresent() ? d.require("id").string() : null;
            try {
                d.allowOnly("id", "provider", "kind", "scope", "regex", "group", "entropy", "keywords", "env_only",
                        "examples");
                if (id == null) {
                    throw d.error("missing required key 'id'");
                }
                if (!ids.add(id)) {
                    throw d.error("duplicate detector id");
                }
                YNode rx = d.require("regex");
                Pattern p;
                try {
                    p = Pattern.compile(rx.string());
                } catch (PatternSyntaxException e) {
                    throw rx.error("bad regex: " + e.getDescription() + " near index " + e.getIndex());
                }
                int defaultGroup = p.matcher("").groupCount() >= 1 ? 1 : 0;
                int group = d.get("group").isPresent() ? d.require("group").integer() : defaultGroup;
                if (group > p.matcher("").groupCount()) {
                    throw d.require("group").error("the regex has no group " + group);
                }
                String scope = d.string("scope").orElse("unknown");
                if (!Set.of("account", "project", "unknown").contains(scope)) {
                    throw d.require("scope").error("scope must be account, project or unknown");
                }
                double entropy = 0;
                if (d.get("entropy").isPresent()) {
                    try {
                        entropy = Double.parseDouble(d.require("entropy").string());
                    } catch (NumberFormatException e) {
                        throw d.require("entropy").error("entropy must be a number of bits per character");
                    }
                }
                List<String> keywords = d.strings("keywords").stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
                boolean envOnly = d.get("env_only").isPresent() && d.require("env_only").bool();
                Detector det = new Detector(id, d.require("provider").string(), d.require("kind").string(), scope, p,
                        group, entropy, keywords, envOnly);
                detectors.add(det);
                YNode ex = d.get("examples").orElseThrow(() -> d.error(
                        "every detector needs examples: at least two under 'match' and one under 'no_match'"));
                ex.allowOnly("match", "no_match");
                List<YNode> match = ex.get("match").isPresent() ? ex.require("match").items() : List.of();
                List<YNode> noMatch = ex.get("no_match").isPresent() ? ex.require("no_match").items() : List.of();
                if (match.size() < 2 || noMatch.isEmpty()) {
                    throw ex.error("'examples' needs at least two 'match' and one 'no_match' texts");
                }
                for (YNode m : match) {
                    examples.add(new Example(det, m.string(), true, m.line()));
                }
                for (YNode m : noMatch) {
                    examples.add(new Example(det, m.string(), false, m.line()));
                }
            } catch (PackException e) {
                throw e.inRule(id);
            }
        }
        return new Loaded(detectors, examples);
    }
}
