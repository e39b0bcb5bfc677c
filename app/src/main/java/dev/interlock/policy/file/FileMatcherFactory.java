package dev.interlock.policy.file;

import dev.interlock.action.FileAccess;
import dev.interlock.config.DataDir;
import dev.interlock.policy.Hit;
import dev.interlock.policy.Matcher;
import dev.interlock.policy.MatcherFactories;
import dev.interlock.policy.MatcherFactory;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Subject;
import dev.interlock.policy.YNode;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code file:} matcher.
 *
 * <pre>
 * file:
 *   modes: [read, write, edit, delete]   # default: all
 *   paths: ["**&#47;.env", "~/.aws/**"]      # globs on the resolved absolute path; ~ is the home directory,
 *                                        # {interlock_home} Interlock's data directory
 *   names: [".env*", "id_rsa"]           # globs on the file name alone
 * </pre>
 * At least one of {@code paths} or {@code names}.
 */
public final class FileMatcherFactory implements MatcherFactory {
    @Override
    public String key() {
        return "file";
    }

    @Override
    public Matcher create(YNode spec, MatcherFactories all) throws PackException {
        spec.allowOnly("modes", "paths", "names");
        Set<FileAccess.Mode> modes = EnumSet.noneOf(FileAccess.Mode.class);
        for (YNode m : spec.get("modes").isPresent() ? spec.require("modes").items() : List.<YNode>of()) {
            try {
                modes.add(FileAccess.Mode.valueOf(m.string().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw m.error("file mode must be read, write, edit or delete, not '" + m.string() + "'");
            }
        }
        if (modes.isEmpty()) {
            modes = EnumSet.allOf(FileAccess.Mode.class);
        }
        List<PathMatcher> paths = globs(spec, "paths", true);
        List<PathMatcher> names = globs(spec, "names", false);
        if (paths.isEmpty() && names.isEmpty()) {
            throw spec.error("a file matcher needs 'paths' or 'names'");
        }
        return new FileMatcher(modes, paths, names);
    }

    private static List<PathMatcher> globs(YNode spec, String key, boolean expandHome) throws PackException {
        List<PathMatcher> out = new ArrayList<>();
        if (spec.get(key).isEmpty()) {
            return out;
        }
        for (YNode g : spec.require(key).items()) {
            String glob = g.string();
            if (expandHome && (glob.startsWith("~/") || glob.equals("~"))) {
                glob = PathResolver.home() + glob.substring(1);
            }
            if (expandHome && glob.contains("{interlock_home}")) {
                glob = glob.replace("{interlock_home}", DataDir.resolve().root().toString().replace('\\', '/'));
            }
            try {
                out.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            } catch (IllegalArgumentException e) {
                throw g.error("bad glob '" + glob + "': " + e.getMessage());
            }
        }
        return out;
    }

    private record FileMatcher(Set<FileAccess.Mode> modes, List<PathMatcher> paths, List<PathMatcher> names)
            implements Matcher {
        @Override
        public String subjectType() {
            return FileSubject.TYPE;
        }

        @Override
        public Set<String> indexKeys() {
            return Set.of();
        }

        @Override
        public Optional<Hit> match(Subject subject) {
            FileSubject f = (FileSubject) subject;
            if (!modes.contains(f.mode())) {
                return Optional.empty();
            }
            Path resolved;
            try {
                resolved = Path.of(f.resolved());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
            boolean hit = paths.stream().anyMatch(m -> m.matches(resolved));
            if (!hit && resolved.getFileName() != null) {
                Path name = resolved.getFileName();
                hit = names.stream().anyMatch(m -> m.matches(name));
            }
            return hit ? Optional.of(new Hit(f.origin().all(), f.resolved())) : Optional.empty();
        }
    }
}
