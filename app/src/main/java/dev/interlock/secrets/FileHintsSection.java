package dev.interlock.secrets;

import dev.interlock.policy.PackException;
import dev.interlock.policy.PackSection;
import dev.interlock.policy.YNode;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code file_hints:} section: names of files that usually hold credentials ({@code .env*}, {@code *.pem},
 * {@code id_rsa}, cloud CLI config directories), so a read of one is remembered even before its content is seen.
 *
 * <pre>
 * file_hints:
 *   names: [".env", ".env.*", "*.pem", "id_rsa"]   # globs on the file name
 *   paths: ["**&#47;.aws/credentials"]                # globs on the whole path
 * </pre>
 */
public final class FileHintsSection implements PackSection {
    public static final String KEY = "file_hints";

    public record Hints(List<String> nameGlobs, List<PathMatcher> names, List<PathMatcher> paths) {
        public boolean matches(Path file) {
            Path name = file.getFileName();
            if (name != null && names.stream().anyMatch(m -> m.matches(name))) {
                return true;
            }
            return paths.stream().anyMatch(m -> m.matches(file));
        }
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Object load(YNode node, String packName) throws PackException {
        node.allowOnly("names", "paths");
        List<String> nameGlobs = node.strings("names");
        return new Hints(nameGlobs, globs(node, "names"), globs(node, "paths"));
    }

    private static List<PathMatcher> globs(YNode node, String key) throws PackException {
        List<PathMatcher> out = new ArrayList<>();
        if (node.get(key).isEmpty()) {
            return out;
        }
        for (YNode g : node.require(key).items()) {
            try {
                out.add(FileSystems.getDefault().getPathMatcher("glob:" + g.string()));
            } catch (IllegalArgumentException e) {
                throw g.error("bad glob '" + g.string() + "': " + e.getMessage());
            }
        }
        return out;
    }
}
