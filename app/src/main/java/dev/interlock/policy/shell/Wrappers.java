package dev.interlock.policy.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Knows which programs run other commands and how to find them: {@code sudo rm} runs {@code rm},
 * {@code bash -c '…'} runs a script, {@code python -c '…'} runs code. Each wrapper's options are read the way
 * the wrapper reads them (see the man pages of sudo, env, timeout, xargs, ssh, …), so option values are never
 * mistaken for the command.
 */
final class Wrappers {
    static final Set<String> SHELLS = Set.of("bash", "sh", "zsh", "dash", "ksh", "ash", "mksh", "fish", "yash");
    static final Set<String> PYTHONS = Set.of("python", "python2", "python3", "pypy", "pypy3");
    static final Set<String> DOWNLOADERS = Set.of("curl", "wget", "fetch", "http", "https", "xh", "aria2c",
            "invoke-webrequest", "iwr");
    private static final java.util.regex.Pattern VERSIONED_PYTHON = java.util.regex.Pattern.compile("python[23]\\.\\d+");

    private Wrappers() {
    }

    static boolean isPython(String p) {
        return PYTHONS.contains(p) || (p.startsWith("python") && VERSIONED_PYTHON.matcher(p).matches());
    }

    /** Interpreter language for a program name, or null. */
    static String language(String p) {
        if (isPython(p)) {
            return "python";
        }
        return switch (p) {
            case "node", "nodejs", "bun", "deno" -> "node";
            case "perl" -> "perl";
            case "ruby" -> "ruby";
            case "php" -> "php";
            default -> null;
        };
    }

    static List<Unwrap> unwrap(CommandSubject s) {
        List<Word> a = s.args();
        String p = s.program();
        switch (p) {
            case "sudo": {
                OptionScan.Result r = OptionScan.of("-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-T", "-U",
                        "--user", "--group", "--host", "--prompt", "--close-from", "--chdir", "--role", "--type",
                        "--command-timeout", "--other-user").assignments().scan(a, 0);
                if (r.has("-e", "--edit", "-l", "--list", "-v", "--validate", "-K", "--remove-timestamp")) {
                    return List.of();
                }
                Word dir = r.value("-D", "--chdir");
                return argv("sudo", a, r, dir);
            }
            case "doas":
                return argv("doas", a, OptionScan.of("-u", "-C").scan(a, 0), null);
            case "pkexec":
                return argv("pkexec", a, OptionScan.of("--user").scan(a, 0), null);
            case "run0":
                return argv("run0", a, OptionScan.of("-u", "--user", "-D", "--chdir", "--setenv", "--unit",
                        "--property", "--description", "--slice", "--nice", "-g", "--group").scan(a, 0),
                        null);
            case "env": {
                OptionScan.Result r = OptionScan.of("-u", "--unset", "-C", "--chdir", "-S", "--split-string",
                        "-P").assignments().scan(a, 0);
                Word split = r.value("-S", "--split-string");
                if (split != null) {
                    return List.of(new Unwrap.Script("env -S", List.of(split)));
                }
                return argv("env", a, r, r.value("-C", "--chdir"));
            }
            case "command": {
                OptionScan.Result r = OptionScan.of().scan(a, 0);
                return r.has("-v", "-V") ? List.of() : argv("command", a, r, null);
            }
            case "builtin", "nohup", "setsid", "unbuffer", "torsocks", "catchsegv", "nocorrect", "noglob",
                    "exec", "time", "caffeinate", "proxychains", "proxychains4", "chpst", "gtimeout", "timeout",
                    "nice", "ionice", "stdbuf", "taskset", "chrt", "strace", "ltrace", "flock", "chroot", "rlwrap":
                return simple(p, a);
            case "xargs": {
                OptionScan.Result r = OptionScan.of("-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file",
                        "--delimiter", "--eof", "--replace", "--max-lines", "--max-args", "--max-procs",
                        "--max-chars", "--process-slot-var").scan(a, 0);
                return argv("xargs", a, r, null);
            }
            case "parallel", "sem": {
                OptionScan.Result r = OptionScan.of("-j", "--jobs", "-S", "--sshlogin", "-I", "-n", "-N", "-L",
                        "-d", "--delimiter", "-a", "--arg-file", "--colsep", "-C", "--joblog", "--results",
                        "--tmpdir", "--workdir", "--wd", "--env", "--timeout", "--retries", "--delay", "--halt",
                        "--tag-string", "--block", "--memfree", "--load", "-E", "--eof").scan(a, 0);
                List<Word> cmd = new ArrayList<>();
                for (int i = r.commandStart; i < a.size() && !a.get(i).text().startsWith(":::"); i++) {
                    cmd.add(a.get(i));
                }
                return cmd.isEmpty() ? List.of() : List.of(new Unwrap.Script(p, cmd));
            }
            case "find":
                return find(a);
            case "npx", "bunx", "pnpx":
                return npx(p, a, 0);
            case "npm":
                return a.size() > 0 && (a.get(0).text().equals("exec") || a.get(0).text().equals("x"))
                        ? npx("npm exec", a, 1) : List.of();
            case "pnpm", "yarn":
                return PackageRunners.unwrap(p, a);
            case "bun":
                if (a.size() > 0 && a.get(0).text().equals("x")) {
                    return npx("bun x", a, 1);
                }
                if (a.size() > 1 && a.get(0).text().equals("run") && PackageRunners.isBinary(a.get(1).text())) {
                    return List.of(new Unwrap.Argv("bun run", a.subList(1, a.size())));
                }
                return code(p, a);
            case "eval":
                if (a.isEmpty()) {
                    return List.of();
                }
                return List.of(new Unwrap.Construct("eval", ConstructSubject.EVAL, "eval runs its arguments as code"),
                        new Unwrap.Script("eval", a));
            case "ssh": {
                OptionScan.Result r = OptionScan.of(ProgramFlags.valueFlags("ssh").toArray(String[]::new))
                        .leading(1).scan(a, 0);
                List<Word> cmd = a.subList(Math.min(r.commandStart, a.size()), a.size());
                if (cmd.isEmpty() || r.positionals.isEmpty()) {
                    return List.of();
                }
                return List.of(new Unwrap.Script("ssh " + r.positionals.get(0).text(), cmd,
                        Unwrap.CwdMode.UNKNOWN, null));
            }
            case "docker", "podman", "nerdctl", "docker-compose", "podman-compose":
                return containerExec(p, a);
            case "kubectl", "oc":
                return kubectlExec(p, a);
            case "watch": {
                OptionScan.Result r = OptionScan.of("-n", "--interval", "-q", "--equexit").scan(a, 0);
                List<Word> cmd = a.subList(Math.min(r.commandStart, a.size()), a.size());
                if (cmd.isEmpty()) {
                    return List.of();
                }
                return r.has("-x", "--exec") ? List.of(new Unwrap.Argv("watch -x", cmd))
                        : List.of(new Unwrap.Script("watch", cmd));
            }
            case "script": {
                OptionScan.Result r = OptionScan.of("-c", "--command", "-E", "--echo", "-I", "--log-in", "-O",
                        "--log-out", "-B", "--log-io", "-T", "--log-timing", "-m", "--logging-format", "-o",
                        "--output-limit").scan(a, 0);
                Word c = r.value("-c", "--command");
                return c == null ? List.of() : List.of(new Unwrap.Script("script -c", List.of(c)));
            }
            case "su", "runuser": {
                OptionScan.Result r = OptionScan.of("-c", "--command", "--session-command", "-s", "--shell", "-g",
                        "--group", "-G", "--supp-group", "-w", "--whitelist-environment", "-u", "--user")
                        .leading(1).scan(a, 0);
                Word c = r.value("-c", "--command", "--session-command");
                if (c == null) {
                    // the command may also follow the user: su root -c '…'
                    for (int i = 0; i + 1 < a.size(); i++) {
                        String t = a.get(i).text();
                        if (t.equals("-c") || t.equals("--command") || t.equals("--session-command")) {
                            c = a.get(i + 1);
                        }
                    }
                }
                if (c != null) {
                    return List.of(new Unwrap.Script(p + " -c", List.of(c)));
                }
                if (p.equals("runuser") && r.value("-u", "--user") != null) {
                    OptionScan.Result r2 = OptionScan.of("-u", "--user", "-g", "--group", "-G", "--supp-group")
                            .scan(a, 0);
                    return argv("runuser", a, r2, null);
                }
                return List.of();
            }
            case "entr": {
                OptionScan.Result r = OptionScan.of().scan(a, 0);
                List<Word> cmd = a.subList(Math.min(r.commandStart, a.size()), a.size());
                if (cmd.isEmpty()) {
                    return List.of();
                }
                return r.has("-s") ? List.of(new Unwrap.Script("entr -s", List.of(cmd.get(0))))
                        : List.of(new Unwrap.Argv("entr", cmd));
            }
            case "busybox", "toybox":
                return a.isEmpty() ? List.of() : List.of(new Unwrap.Argv(p, a));
            case "xvfb-run", "dbus-run-session":
                return argv(p, a, OptionScan.of("-n", "--server-num", "-s", "--server-args", "-e",
                        "--error-file", "-f", "--auth-file", "-p", "--xauth-protocol", "--config").scan(a, 0), null);
            case "uvx":
                return uvx("uvx", a, 0);
            case "direnv", "asdf", "mise", "rtx", "poetry", "uv", "pipenv", "pdm", "hatch", "rye", "bundle", "pipx",
                    "op", "doppler", "infisical", "dotenvx", "aws-vault", "devbox", "nix":
                return runSubcommand(p, a);
            default:
                break;
        }
        if (SHELLS.contains(p)) {
            return shell(p, a);
        }
        if (language(p) != null) {
            return code(p, a);
        }
        return List.of();
    }

    /** Wrappers whose options are simple and whose command follows a fixed number of positionals. */
    private static List<Unwrap> simple(String p, List<Word> a) {
        OptionScan scan;
        switch (p) {
            case "exec" -> scan = OptionScan.of("-a");
            case "time" -> scan = OptionScan.of("-f", "--format", "-o", "--output");
            case "caffeinate" -> scan = OptionScan.of("-t", "-w");
            case "proxychains", "proxychains4" -> scan = OptionScan.of("-f");
            case "chpst" -> scan = OptionScan.of("-u", "-U", "-e", "-n", "-l", "-L", "-m", "-d", "-o", "-p", "-f",
                    "-c", "-r", "-t", "-b");
            case "timeout", "gtimeout" -> scan = OptionScan.of("-s", "--signal", "-k", "--kill-after").leading(1);
            case "nice" -> scan = OptionScan.of("-n", "--adjustment");
            case "ionice" -> scan = OptionScan.of("-c", "--class", "-n", "--classdata", "-p", "--pid", "-P",
                    "--pgid", "-u", "--uid");
            case "stdbuf" -> scan = OptionScan.of("-i", "-o", "-e", "--input", "--output", "--error");
            case "taskset" -> scan = OptionScan.of().leading(1);
            case "chrt" -> scan = OptionScan.of("-T", "-P", "-D").leading(1);
            case "strace" -> scan = OptionScan.of("-e", "-o", "-p", "-s", "-u", "-E", "-a", "-b", "-I", "-O", "-P",
                    "-S", "-X");
            case "ltrace" -> scan = OptionScan.of("-e", "-o", "-p", "-s", "-u", "-a", "-n", "-l", "-x", "-F",
                    "-A", "-D");
            case "flock" -> scan = OptionScan.of("-w", "--timeout", "--wait", "-E", "--conflict-exit-code", "-c",
                    "--command").leading(1);
            case "chroot" -> scan = OptionScan.of("--userspec", "--groups").leading(1);
            case "rlwrap" -> scan = OptionScan.of("-a", "-b", "-C", "-D", "-f", "-F", "-g", "-H", "-l", "-m", "-o",
                    "-O", "-p", "-P", "-q", "-s", "-S", "-t", "-w", "-z");
            default -> scan = OptionScan.of();
        }
        OptionScan.Result r = scan.scan(a, 0);
        if ((p.equals("ionice") && r.has("-p", "--pid", "-P", "--pgid", "-u", "--uid"))
                || ((p.equals("taskset") || p.equals("chrt")) && r.has("-p", "--pid"))) {
            return List.of();
        }
        if (p.equals("flock")) {
            Word c = r.value("-c", "--command");
            if (c != null) {
                return List.of(new Unwrap.Script("flock -c", List.of(c)));
            }
        }
        if (p.equals("chroot")) {
            if (r.commandStart >= a.size()) {
                return List.of();
            }
            String root = r.positionals.isEmpty() ? "?" : r.positionals.get(0).text();
            return List.of(new Unwrap.Argv("chroot " + root, a.subList(r.commandStart, a.size()), r.env,
                    Unwrap.CwdMode.UNKNOWN, null, null));
        }
        return argv(p, a, r, null);
    }

    private static List<Unwrap> argv(String step, List<Word> a, OptionScan.Result r, Word chdir) {
        if (r.commandStart >= a.size()) {
            return List.of();
        }
        List<Word> cmd = a.subList(r.commandStart, a.size());
        if (chdir != null) {
            if (!chdir.literal()) {
                return List.of(new Unwrap.Argv(step, cmd, r.env, Unwrap.CwdMode.UNKNOWN, null, null));
            }
            return List.of(new Unwrap.Argv(step, cmd, r.env, Unwrap.CwdMode.SET, chdir.text(), null));
        }
        return List.of(new Unwrap.Argv(step, cmd, r.env, Unwrap.CwdMode.KEEP, null, null));
    }

    private static List<Unwrap> find(List<Word> a) {
        List<Unwrap> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String t = a.get(i).text();
            if (t.equals("-exec") || t.equals("-execdir") || t.equals("-ok") || t.equals("-okdir")) {
                int j = i + 1;
                while (j < a.size() && !ArgView.isExecEnd(a.get(j).text())) {
                    j++;
                }
                if (j > i + 1) {
                    out.add(new Unwrap.Argv("find " + t, a.subList(i + 1, j)));
                }
                i = j;
            }
        }
        return out;
    }

    /** npx [options] package[@version] args…; {@code -p pkg} names the package and the command follows. */
    static List<Unwrap> npx(String step, List<Word> a, int from) {
        OptionScan.Result r = OptionScan.of("-p", "--package", "-c", "--call", "--cache", "--registry",
                "-w", "--workspace", "--node-options", "--shell").scan(a, from);
        Word call = r.value("-c", "--call");
        if (call != null) {
            return List.of(new Unwrap.Script(step + " -c", List.of(call)));
        }
        if (r.commandStart >= a.size()) {
            return List.of();
        }
        List<Word> cmd = a.subList(r.commandStart, a.size());
        String spec = cmd.get(0).text();
        int at = spec.indexOf('@', spec.startsWith("@") ? 1 : 0);
        String program = at > 0 ? spec.substring(0, at) : spec;
        return List.of(new Unwrap.Argv(step, cmd, Map.of(), Unwrap.CwdMode.KEEP, null, program));
    }

    /**
     * True when a shell or interpreter takes its program from standard input: no {@code -c}/{@code -e} and no
     * script file ({@code sh}, {@code bash -s}, {@code python3 -}, {@code sh /dev/stdin}).
     */
    static boolean readsStdin(CommandSubject s) {
        String p = s.program();
        if (!SHELLS.contains(p) && language(p) == null) {
            return false;
        }
        for (Word w : s.args()) {
            String t = w.text();
            if (t.equals("-") || t.equals("/dev/stdin") || t.equals("-s")) {
                return true;
            }
            if (t.startsWith("-") && t.length() > 1) {
                if (SHELLS.contains(p) && !t.startsWith("--") && t.indexOf('c') > 0) {
                    return false;
                }
                if (!SHELLS.contains(p) && (t.equals("-c") || t.equals("-e") || t.equals("-E") || t.equals("-r")
                        || t.equals("-m") || t.equals("--eval") || t.equals("-p") || t.equals("--print"))) {
                    return false;
                }
                continue;
            }
            return false;
        }
        return true;
    }

    /** bash [options] [-c] script-or-file …: {@code -c} takes its script from the first positional. */
    private static List<Unwrap> shell(String p, List<Word> a) {
        boolean c = false;
        int i = 0;
        while (i < a.size()) {
            String t = a.get(i).text();
            if (t.equals("--") || t.equals("-")) {
                i++;
                break;
            }
            if (t.equals("-o") || t.equals("+o") || t.equals("-O") || t.equals("+O") || t.equals("--rcfile")
                    || t.equals("--init-file")) {
                i += 2;
                continue;
            }
            if (t.length() > 1 && (t.startsWith("-") || t.startsWith("+"))) {
                if (!t.startsWith("--") && t.indexOf('c') > 0) {
                    c = true;
                }
                if (t.equals("--command")) {
                    c = true; // fish
                }
                i++;
                continue;
            }
            break;
        }
        if (c && i < a.size()) {
            return List.of(new Unwrap.Script(p + " -c", List.of(a.get(i))));
        }
        return List.of();
    }

    /** python -c, node -e/-p, perl -e/-E, ruby -e, php -r: the code string. */
    private static List<Unwrap> code(String p, List<Word> a) {
        String lang = language(p);
        if (lang == null) {
            return List.of();
        }
        Set<String> codeFlags = switch (lang) {
            case "python" -> Set.of("-c");
            case "node" -> Set.of("-e", "--eval", "-p", "--print");
            case "perl" -> Set.of("-e", "-E");
            case "ruby" -> Set.of("-e");
            default -> Set.of("-r");
        };
        List<Unwrap> out = new ArrayList<>();
        StringBuilder joined = null;
        Word first = null;
        Word last = null;
        for (int i = 0; i < a.size(); i++) {
            String t = a.get(i).text();
            if (!t.startsWith("-") || t.equals("--") || t.equals("-")) {
                if (lang.equals("node") && t.equals("eval") && i == 0 && p.equals("deno") && i + 1 < a.size()) {
                    out.add(new Unwrap.Code(p + " eval", lang, a.get(i + 1)));
                }
                break;
            }
            String flag = t;
            Word value = null;
            int eq = t.indexOf('=');
            if (t.startsWith("--") && eq > 0) {
                flag = t.substring(0, eq);
                value = OptionScan.sub(a.get(i), t.substring(eq + 1));
            } else if (!t.startsWith("--") && t.length() > 2) {
                // bundles such as python -Ic or perl -ne: the code flag is the last letter, or has its code attached
                for (int k = 1; k < t.length(); k++) {
                    String f = "-" + t.charAt(k);
                    if (codeFlags.contains(f)) {
                        flag = f;
                        if (k + 1 < t.length()) {
                            value = OptionScan.sub(a.get(i), t.substring(k + 1));
                        }
                        break;
                    }
                }
            }
            if (codeFlags.contains(flag)) {
                if (value == null && i + 1 < a.size()) {
                    value = a.get(++i);
                }
                if (value != null) {
                    if (joined == null) {
                        joined = new StringBuilder(value.text());
                        first = value;
                    } else {
                        joined.append('\n').append(value.text());
                    }
                    last = value;
                }
                if (lang.equals("python")) {
                    break; // python -c ends the options
                }
            } else if (lang.equals("python") && (t.equals("-m") || t.equals("-W") || t.equals("-X"))) {
                if (t.equals("-m")) {
                    break;
                }
                i++;
            }
        }
        if (first != null) {
            Word code = first == last ? first : new Word(joined.toString(), first.start(), last.end(), false,
                    first.literal() && last.literal());
            out.add(new Unwrap.Code(p + " " + (lang.equals("python") ? "-c" : "-e"), lang, code));
        }
        return out;
    }

    private static List<Unwrap> containerExec(String p, List<Word> a) {
        ArgView v = ArgView.of(p, a, Set.of());
        List<Word> pos = v.positionals;
        int sub = 0;
        if (pos.size() > 0 && (pos.get(0).text().equals("container") || pos.get(0).text().equals("compose"))) {
            sub = 1;
        }
        if (pos.size() <= sub || !pos.get(sub).text().equals("exec")) {
            return List.of();
        }
        boolean compose = p.endsWith("compose") || (sub == 1 && pos.get(0).text().equals("compose"));
        int execIndex = a.indexOf(pos.get(sub));
        OptionScan.Result r = OptionScan.of("-e", "--env", "--env-file", "-u", "--user", "-w", "--workdir",
                "--detach-keys", "--index").leading(1).scan(a, execIndex + 1);
        if (r.commandStart >= a.size() || r.positionals.isEmpty()) {
            return List.of();
        }
        String target = r.positionals.get(0).text();
        Word wd = r.value("-w", "--workdir");
        String step = (compose ? p.replace("-compose", "") + " compose" : p) + " exec " + target;
        return List.of(new Unwrap.Argv(step, a.subList(r.commandStart, a.size()), Map.of(),
                wd != null && wd.literal() && wd.text().startsWith("/") ? Unwrap.CwdMode.SET : Unwrap.CwdMode.UNKNOWN,
                wd == null ? null : wd.text(), null));
    }

    private static List<Unwrap> kubectlExec(String p, List<Word> a) {
        ArgView v = ArgView.of(p, a, Set.of());
        if (v.positionals.isEmpty() || !v.positionals.get(0).text().equals("exec")) {
            return List.of();
        }
        int execIndex = a.indexOf(v.positionals.get(0));
        for (int i = execIndex + 1; i < a.size(); i++) {
            if (a.get(i).text().equals("--")) {
                if (i + 1 >= a.size()) {
                    return List.of();
                }
                String pod = v.positionals.size() > 1 ? v.positionals.get(1).text() : "?";
                return List.of(new Unwrap.Argv(p + " exec " + pod, a.subList(i + 1, a.size()), Map.of(),
                        Unwrap.CwdMode.UNKNOWN, null, null));
            }
        }
        // deprecated form: kubectl exec POD COMMAND…
        OptionScan.Result r = OptionScan.of(ProgramFlags.valueFlags("kubectl").toArray(String[]::new))
                .leading(1).scan(a, execIndex + 1);
        if (r.commandStart >= a.size() || r.positionals.isEmpty()) {
            return List.of();
        }
        return List.of(new Unwrap.Argv(p + " exec " + r.positionals.get(0).text(),
                a.subList(r.commandStart, a.size()), Map.of(), Unwrap.CwdMode.UNKNOWN, null, null));
    }

    /**
     * Tools whose subcommand runs a command: {@code poetry run}, {@code uv run}, {@code bundle exec},
     * {@code op run --}, {@code doppler run --}, {@code aws-vault exec PROFILE --}, {@code direnv exec DIR},
     * {@code mise exec --}, {@code nix develop -c} / {@code nix-shell --run}.
     */
    private static List<Unwrap> runSubcommand(String p, List<Word> a) {
        if (a.isEmpty()) {
            return List.of();
        }
        String sub = a.get(0).text();
        if (p.equals("uv") && sub.equals("tool") && a.size() > 1 && a.get(1).text().equals("run")) {
            return uvx("uv tool run", a, 2);
        }
        boolean runs = switch (p) {
            case "direnv", "asdf", "bundle", "aws-vault" -> sub.equals("exec");
            case "mise", "rtx" -> sub.equals("exec") || sub.equals("x");
            case "nix" -> sub.equals("develop") || sub.equals("shell");
            default -> sub.equals("run");
        };
        if (!runs) {
            return List.of();
        }
        for (int i = 1; i < a.size(); i++) {
            String t = a.get(i).text();
            if (t.equals("--") || (p.equals("nix") && (t.equals("-c") || t.equals("--command")))) {
                return i + 1 < a.size() ? List.of(new Unwrap.Argv(p + " " + sub, a.subList(i + 1, a.size())))
                        : List.of();
            }
        }
        if (p.equals("nix")) {
            return List.of();
        }
        int skip = p.equals("direnv") || p.equals("aws-vault") ? 1 : 0;
        OptionScan.Result r = OptionScan.of("--with", "-w", "--python", "-p", "--env-file", "--project",
                "--directory", "--config", "-c", "--package", "--from", "--spec", "--pip-args", "--index-url", "-i")
                .leading(skip).scan(a, 1);
        if (p.equals("pipx")) {
            return pythonTool("pipx run", a, r);
        }
        return argv(p + " " + sub, a, r, null);
    }

    /** {@code uvx [options] TOOL[@version] args…} (= {@code uv tool run}): runs a Python tool like npx runs a bin. */
    private static List<Unwrap> uvx(String step, List<Word> a, int from) {
        OptionScan.Result r = OptionScan.of("--from", "--with", "-w", "--with-requirements", "--python", "-p",
                "--index", "--index-url", "-i", "--default-index", "--extra-index-url", "--find-links", "-f",
                "--directory", "--project", "--config-file", "--cache-dir", "--env-file", "-c", "--constraints",
                "--overrides").scan(a, from);
        return pythonTool(step, a, r);
    }

    private static List<Unwrap> pythonTool(String step, List<Word> a, OptionScan.Result r) {
        if (r.commandStart >= a.size()) {
            return List.of();
        }
        List<Word> cmd = a.subList(r.commandStart, a.size());
        String spec = cmd.get(0).text();
        String program = spec.replaceFirst("(@|==|\\[).*$", "");
        return List.of(new Unwrap.Argv(step, cmd, Map.of(), Unwrap.CwdMode.KEEP, null, program));
    }
}
