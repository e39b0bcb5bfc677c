package dev.interlock.policy.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code pnpm} and {@code yarn} run a project's binaries: {@code pnpm prisma migrate reset} is
 * {@code prisma migrate reset} when {@code prisma} is not a pnpm command (pnpm tries its own commands, then
 * package.json scripts, then {@code node_modules/.bin}; yarn does the same, also for {@code yarn run BIN}). Global
 * options come first ({@code pnpm --filter api prisma …}, {@code pnpm -C dir …}, {@code yarn --cwd dir …});
 * {@code pnpm exec}/{@code dlx}, {@code yarn exec}/{@code dlx} and {@code yarn workspace NAME CMD} are unwrapped
 * too, {@code pnpm -c exec 'script'} as shell. A built-in command ({@code pnpm rm lodash}) is never read as a
 * binary; a package.json script name becomes a program no rule knows, which is harmless.
 */
final class PackageRunners {
    /** pnpm's commands and aliases (pnpm/src/cmd/index.ts, notImplemented.ts) and npm commands it passes on. */
    private static final Set<String> PNPM = Set.of("add", "approve-builds", "audit", "bin", "cache", "ci",
            "clean-install", "ic", "install-clean", "clean", "purge", "config", "c", "dedupe", "get", "set", "create",
            "deploy", "dlx", "doctor", "env", "exec", "runtime", "rt", "fetch", "completion", "completion-server",
            "ignored-builds", "import", "self-update", "init", "install", "i", "install-test", "it", "link", "ln",
            "list", "ls", "login", "adduser", "ll", "la", "licenses", "outdated", "pack", "patch", "patch-commit",
            "patch-remove", "peers", "prune", "publish", "rebuild", "rb", "recursive", "multi", "m", "remove", "rm",
            "uninstall", "un", "uni", "restart", "root", "run", "run-script", "sbom", "setup", "store", "cat-file",
            "cat-index", "find-hash", "unlink", "dislink", "update", "up", "upgrade", "version", "why", "help",
            "test", "t", "tst", "start", "stop", "server", "access", "bugs", "deprecate", "undeprecate", "dist-tag",
            "docs", "edit", "find", "home", "info", "issues", "logout", "owner", "ping", "prefix", "profile", "pkg",
            "repo", "s", "se", "search", "set-script", "show", "star", "stars", "team", "token", "unpublish",
            "unstar", "v", "view", "whoami", "xmas", "node");
    /** yarn 1 and yarn 2+ commands. */
    private static final Set<String> YARN = Set.of("access", "add", "audit", "autoclean", "bin", "cache", "check",
            "config", "constraints", "create", "dedupe", "dlx", "exec", "explain", "generate-lock-entry", "global",
            "help", "import", "info", "init", "install", "licenses", "link", "list", "login", "logout", "node", "npm",
            "outdated", "owner", "pack", "patch", "patch-commit", "plugin", "policies", "publish", "rebuild",
            "remove", "run", "sdks", "search", "set", "stage", "start", "tag", "team", "test", "unlink", "unplug",
            "up", "upgrade", "upgrade-interactive", "version", "versions", "why", "workspace", "workspaces");
    private static final String[] PNPM_VALUES = {"-C", "--dir", "--filter", "-F", "--filter-prod", "--loglevel",
        "--reporter", "--test-pattern", "--changed-files-ignore-pattern", "--workspace-concurrency", "--resume-from",
        "--store-dir", "--virtual-store-dir", "--modules-dir", "--lockfile-dir"};
    private static final String[] YARN_VALUES = {"--cwd", "--modules-folder", "--cache-folder", "--global-folder",
        "--link-folder", "--mutex", "--network-timeout", "--registry", "--use-yarnrc", "--preferred-cache-folder"};

    private PackageRunners() {
    }

    static List<Unwrap> unwrap(String p, List<Word> a) {
        boolean pnpm = p.equals("pnpm");
        OptionScan.Result r = OptionScan.of(pnpm ? PNPM_VALUES : YARN_VALUES).scan(a, 0);
        Word dir = pnpm ? r.value("-C", "--dir") : r.value("--cwd");
        int i = r.commandStart;
        String step = p;
        if (i >= a.size()) {
            return List.of();
        }
        String first = a.get(i).text();
        if (!pnpm && first.equals("workspace") && i + 2 < a.size()) {
            step = "yarn workspace " + a.get(i + 1).text();
            i += 2;
            first = a.get(i).text();
        }
        if (first.equals("dlx") || first.equals("exec")) {
            if (pnpm && first.equals("exec") && r.has("-c", "--shell-mode")) {
                return i + 1 < a.size() ? inDir(List.of(new Unwrap.Script(step + " exec -c",
                        a.subList(i + 1, a.size()))), dir) : List.of();
            }
            return inDir(Wrappers.npx(step + " " + first, a, i + 1), dir);
        }
        if (!pnpm && first.equals("run") && i + 1 < a.size() && isBinary(a.get(i + 1).text())) {
            step = step + " run";
            i++;
            first = a.get(i).text();
        }
        if ((pnpm ? PNPM : YARN).contains(first) || !isBinary(first)) {
            return List.of();
        }
        return inDir(List.of(new Unwrap.Argv(step, a.subList(i, a.size()))), dir);
    }

    /** A word that can name a binary of {@code node_modules/.bin}: not an option, a path or a script file. */
    static boolean isBinary(String t) {
        return !t.isEmpty() && !t.startsWith("-") && t.indexOf('/') < 0 && !t.matches(".*\\.(?:[cm]?[jt]sx?)$");
    }

    /** The same unwraps, run in {@code dir} (pnpm -C, yarn --cwd) when one is given. */
    private static List<Unwrap> inDir(List<Unwrap> unwraps, Word dir) {
        if (dir == null) {
            return unwraps;
        }
        Unwrap.CwdMode mode = dir.literal() ? Unwrap.CwdMode.SET : Unwrap.CwdMode.UNKNOWN;
        String cwd = dir.literal() ? dir.text() : null;
        List<Unwrap> out = new ArrayList<>(unwraps.size());
        for (Unwrap u : unwraps) {
            if (u instanceof Unwrap.Argv v) {
                out.add(new Unwrap.Argv(v.step(), v.argv(), v.env(), mode, cwd, v.program()));
            } else if (u instanceof Unwrap.Script sc) {
                out.add(new Unwrap.Script(sc.step(), sc.words(), mode, cwd));
            } else {
                out.add(u);
            }
        }
        return out;
    }
}
