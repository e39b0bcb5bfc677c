package dev.interlock.policy.shell;

import dev.interlock.policy.file.PathResolver;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a path argument points, resolved against the command's working directory: the classes that
 * {@code paths_any}/{@code paths_all} test. A wildcard also takes the classes of the directory it expands in
 * ({@code ~/*} is home and wildcard, {@code *} is cwd and wildcard). When the working directory is unknown
 * (after {@code cd "$X"}, over ssh, in a container) a relative path counts as {@code outside_cwd}.
 */
enum PathClass {
    ROOT, SYSTEM, HOME, CWD, PARENT, INSIDE_CWD, OUTSIDE_CWD, WILDCARD, UNRESOLVED;

    private static final List<String> SYSTEM_DIRS = List.of("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32",
            "/lib64", "/libx32", "/opt", "/proc", "/sbin", "/srv", "/sys", "/usr", "/var", "/snap", "/nix",
            "/System", "/Library", "/Applications", "/private", "/Volumes", "/mnt", "/media");
    private static final Set<String> SYSTEM_EXACT = Set.of("/home", "/Users");
    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("[A-Za-z]:[\\\\/].*", Pattern.DOTALL);
    private static final Pattern WINDOWS_ROOT = Pattern.compile("[A-Za-z]:/?");
    private static final Pattern WINDOWS_SYSTEM = Pattern.compile("[a-z]:/(windows|program files.*|programdata)(/.*)?",
            Pattern.DOTALL);
    private static final Pattern HOME_DIR = Pattern.compile("/home/[^/]+|/Users/[^/]+|/root");

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PathClass parse(String word) {
        for (PathClass c : values()) {
            if (c.word().equals(word)) {
                return c;
            }
        }
        return null;
    }

    static Set<PathClass> of(Word arg, String cwd) {
        String t = arg.text();
        if (t.startsWith("${HOME}")) {
            t = "~" + t.substring(7);
        } else if (t.startsWith("$HOME")) {
            t = "~" + t.substring(5);
        }
        EnumSet<PathClass> out = EnumSet.noneOf(PathClass.class);
        if (t.contains("$") || t.contains("`") || (!arg.literal() && !t.startsWith("~"))) {
            out.add(UNRESOLVED);
            return out;
        }
        if (t.isEmpty()) {
            return out;
        }
        if (ScriptWalker.hasGlob(t)) {
            out.add(WILDCARD);
            int slash = t.lastIndexOf('/');
            String lastSegment = t.substring(slash + 1);
            if (ScriptWalker.hasGlob(lastSegment)) {
                String parent = slash < 0 ? "." : slash == 0 ? "/" : t.substring(0, slash);
                if (!ScriptWalker.hasGlob(parent)) {
                    out.addAll(location(parent, cwd));
                    out.remove(PARENT);
                    if (out.contains(CWD) || out.contains(INSIDE_CWD)) {
                        out.remove(CWD);
                        out.add(INSIDE_CWD);
                        if (parent.equals(".") || parent.equals("./") || resolvedEquals(parent, cwd)) {
                            out.add(CWD);
                        }
                    }
                }
            }
            return out;
        }
        out.addAll(location(t, cwd));
        return out;
    }

    private static boolean resolvedEquals(String path, String cwd) {
        return cwd != null && PathResolver.resolve(path, cwd).equals(trimSlash(cwd));
    }

    private static Set<PathClass> location(String t, String cwd) {
        EnumSet<PathClass> out = EnumSet.noneOf(PathClass.class);
        boolean absolute = t.startsWith("/") || t.startsWith("~") || WINDOWS_ABSOLUTE.matcher(t).matches();
        if (!absolute && cwd == null) {
            out.add(OUTSIDE_CWD);
            if (t.equals("..") || t.startsWith("../")) {
                out.add(PARENT);
            }
            return out;
        }
        String r = PathResolver.resolve(t.startsWith("~") && !t.startsWith("~/") && !t.equals("~")
                ? "/home/" + t.substring(1) : t, cwd);
        r = trimSlash(r.replace('\\', '/'));
        if (r.equals("/") || WINDOWS_ROOT.matcher(r).matches()) {
            out.add(ROOT);
        }
        String lower = r.toLowerCase(Locale.ROOT);
        if (SYSTEM_EXACT.contains(r) || WINDOWS_SYSTEM.matcher(lower).matches()) {
            out.add(SYSTEM);
        }
        for (String d : SYSTEM_DIRS) {
            if (r.equals(d) || r.startsWith(d + "/")) {
                out.add(SYSTEM);
                break;
            }
        }
        String home = trimSlash(PathResolver.home());
        if (r.equals(home) || HOME_DIR.matcher(r).matches()) {
            out.add(HOME);
        }
        if (cwd == null) {
            out.add(OUTSIDE_CWD);
            return out;
        }
        String c = trimSlash(cwd);
        if (r.equals(c)) {
            out.add(CWD);
        } else if (r.startsWith(c.equals("/") ? "/" : c + "/")) {
            out.add(INSIDE_CWD);
        } else {
            out.add(OUTSIDE_CWD);
            if (c.startsWith(r.equals("/") ? "/" : r + "/")) {
                out.add(PARENT);
            }
        }
        return out;
    }

    private static String trimSlash(String p) {
        String r = p;
        while (r.length() > 1 && r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
