package dev.interlock.secrets;

import dev.interlock.policy.Pack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/** Finds credentials in text with the detectors of the loaded packs. Thread-safe. */
public final class SecretFinder {
    private static final List<String> PLACEHOLDERS = List.of("example", "xxxx", "placeholder", "changeme",
            "change_me", "your_", "your-", "yourtoken", "dummy", "sample", "redacted", "<", "${", "{{", "****",
            "0000000000", "1234567890", "abcdefgh", "todo", "fake", "insert", "password");

    private final List<Detector> detectors;
    private final FileHintsSection.Hints hints;
    private final Fingerprints fingerprints;

    public SecretFinder(List<Detector> detectors, FileHintsSection.Hints hints, Fingerprints fingerprints) {
        this.detectors = List.copyOf(detectors);
        this.hints = hints;
        this.fingerprints = fingerprints;
    }

    /** Collects every {@code detectors:} and {@code file_hints:} section of the packs. */
    public static SecretFinder fromPacks(List<Pack> packs, Fingerprints fingerprints) {
        List<Detector> detectors = new ArrayList<>();
        List<String> nameGlobs = new ArrayList<>();
        List<java.nio.file.PathMatcher> names = new ArrayList<>();
        List<java.nio.file.PathMatcher> paths = new ArrayList<>();
        for (Pack p : packs) {
            Object d = p.sections().get(DetectorSection.KEY);
            if (d instanceof DetectorSection.Loaded loaded) {
                detectors.addAll(loaded.detectors());
            }
            Object h = p.sections().get(FileHintsSection.KEY);
            if (h instanceof FileHintsSection.Hints hs) {
                nameGlobs.addAll(hs.nameGlobs());
                names.addAll(hs.names());
                paths.addAll(hs.paths());
            }
        }
        return new SecretFinder(detectors, new FileHintsSection.Hints(nameGlobs, names, paths), fingerprints);
    }

    public List<Detector> detectors() {
        return detectors;
    }

    public Fingerprints fingerprints() {
        return fingerprints;
    }

    /** True when the file's name says it usually holds credentials. */
    public boolean isSecretFile(Path file) {
        return hints.matches(file);
    }

    /** True for {@code .env}-style files, where generic {@code NAME=value} assignments count. */
    public static boolean isEnvStyle(String fileName) {
        if (fileName == null) {
            return false;
        }
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.equals(".env") || n.startsWith(".env.") || n.endsWith(".env") || n.equals(".envrc")
                || n.equals(".flaskenv") || n.equals(".dev.vars");
    }

    /** Every credential in {@code text}; {@code fileName} (may be null) enables the .env-only detectors. */
    public List<Finding> find(String text, String fileName) {
        boolean env = isEnvStyle(fileName);
        String lower = null;
        List<Finding> out = new ArrayList<>();
        int[] lineStarts = null;
        for (Detector d : detectors) {
            if (d.envOnly() && !env) {
                continue;
            }
            if (!d.keywords().isEmpty()) {
                if (lower == null) {
                    lower = text.toLowerCase(Locale.ROOT);
                }
                final String l = lower;
                if (d.keywords().stream().noneMatch(l::contains)) {
                    continue;
                }
            }
            Matcher m = d.regex().matcher(text);
            while (m.find()) {
                int s = m.start(d.group());
                int e = m.end(d.group());
                if (s < 0) {
                    continue;
                }
                String secret = text.substring(s, e);
                if (Masking.entropy(secret) < d.minEntropy() || looksLikePlaceholder(secret) || overlaps(out, s, e)) {
                    continue;
                }
                if (lineStarts == null) {
                    lineStarts = lineStarts(text);
                }
                out.add(new Finding(d, lineOf(lineStarts, s), s, e, Masking.mask(secret), fingerprints.of(secret)));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Finding::start));
        return out;
    }

    static boolean looksLikePlaceholder(String secret) {
        String s = secret.toLowerCase(Locale.ROOT);
        for (String p : PLACEHOLDERS) {
            if (s.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlaps(List<Finding> found, int s, int e) {
        for (Finding f : found) {
            if (s < f.end() && f.start() < e) {
                return true;
            }
        }
        return false;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] starts, int offset) {
        int i = java.util.Arrays.binarySearch(starts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }
}
