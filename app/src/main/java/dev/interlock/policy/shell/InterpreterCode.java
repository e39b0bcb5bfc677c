package dev.interlock.policy.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Best-effort reading of one-liners given to {@code python -c}, {@code node -e}, {@code perl -e},
 * {@code ruby -e} and {@code php -r}: shell commands they run (os.system, subprocess, child_process, system,
 * backticks) and files they delete (shutil.rmtree, fs.rmSync, FileUtils.rm_rf, unlink). String literals are
 * read; anything else passed to a shell-running call is reported as built at run time.
 */
final class InterpreterCode {
    sealed interface Finding {
        String call();
    }

    /** A shell command string at {@code [start, end)} of the code; {@code exact} when it had no escapes. */
    record Shell(String call, String text, int start, int end, boolean exact) implements Finding {
    }

    /** An argv given as a list of literals. */
    record Argv(String call, List<String> words) implements Finding {
    }

    /** A delete, expressed as the equivalent {@code rm}/{@code rmdir} command. */
    record Delete(String call, String program, List<String> flags, String path, boolean literal) implements Finding {
    }

    /** A shell-running call whose command is not a literal. */
    record Dynamic(String call) implements Finding {
    }

    private static final String STR = "(?:'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"|`(?:[^`\\\\$]|\\\\.)*`)";
    private static final String PY_STR = "(?:[rRuUbB]{0,2})" + STR;
    private static final Pattern LEADING_LITERAL = Pattern.compile("^" + PY_STR);
    private static final Pattern SHELL_TRUE = Pattern.compile("shell\\s*:\\s*true");
    private static final Pattern RECURSIVE_TRUE = Pattern.compile("recursive\\s*:\\s*true");
    private static final Pattern FORCE_TRUE = Pattern.compile("force\\s*:\\s*true");

    private static final Pattern PY_SHELL = Pattern.compile(
            "\\b(os\\.(?:system|popen)|subprocess\\.(?:run|call|check_call|check_output|Popen|getoutput"
                    + "|getstatusoutput)|commands\\.getoutput|pty\\.spawn)\\s*\\(\\s*");
    /** Bare names, only when the code imported them ({@code from subprocess import run}). */
    private static final Pattern PY_SHELL_BARE = Pattern.compile(
            "(?<![.\\w])(system|popen|run|call|check_call|check_output|Popen|getoutput|getstatusoutput)\\s*\\(\\s*");
    private static final Pattern PY_DELETE = Pattern.compile(
            "\\b(shutil\\.rmtree|rmtree|os\\.remove|os\\.unlink|os\\.rmdir|os\\.removedirs)\\s*\\(\\s*");
    private static final Pattern PY_PATH_DELETE = Pattern.compile(
            "\\bPath\\s*\\(\\s*(" + PY_STR + ")\\s*\\)\\s*\\.\\s*(unlink|rmdir)\\s*\\(");
    private static final Pattern JS_SHELL = Pattern.compile(
            "\\b(exec|execSync)\\s*\\(\\s*");
    private static final Pattern JS_ARGV = Pattern.compile(
            "\\b(spawn|spawnSync|execFile|execFileSync)\\s*\\(\\s*");
    private static final Pattern JS_DELETE = Pattern.compile(
            "\\b(rmSync|rm|rmdirSync|rmdir|unlinkSync|unlink)\\s*\\(\\s*");
    private static final Pattern PERL_RUBY_SHELL = Pattern.compile(
            "\\b(system|exec|IO\\.popen|Open3\\.capture2e?|Open3\\.capture3|Open3\\.popen3|spawn|shell_exec"
                    + "|passthru|popen|proc_open)\\s*\\(?\\s*");
    private static final Pattern BACKTICK = Pattern.compile("`((?:[^`\\\\]|\\\\.)*)`");
    private static final Pattern QX = Pattern.compile("(?:qx|%x)\\s*([{(\\[/|])");
    private static final Pattern PERL_DELETE = Pattern.compile(
            "\\b(rmtree|remove_tree|unlink|rmdir)\\s*\\(?\\s*");
    private static final Pattern RUBY_DELETE = Pattern.compile(
            "\\b(FileUtils\\.(?:rm_rf|rm_r|rm_f|rm|remove_dir|remove_entry|remove_entry_secure|rmdir|rmtree)"
                    + "|File\\.(?:delete|unlink)|Dir\\.(?:rmdir|delete|unlink))\\s*\\(?\\s*");
    private static final Pattern PHP_DELETE = Pattern.compile("\\b(unlink|rmdir)\\s*\\(\\s*");

    private InterpreterCode() {
    }

    static List<Finding> scan(String language, String code) {
        List<Finding> out = new ArrayList<>();
        switch (language) {
            case "python" -> {
                shellCalls(PY_SHELL, code, out, true);
                if (code.contains("from subprocess import") || code.contains("from os import")) {
                    shellCalls(PY_SHELL_BARE, code, out, true);
                }
                deletes(PY_DELETE, code, out, "python");
                Matcher m = PY_PATH_DELETE.matcher(code);
                while (m.find()) {
                    Lit l = literal(m.group(1), 0);
                    out.add(new Delete("Path." + m.group(2), m.group(2).equals("rmdir") ? "rmdir" : "rm", List.of(),
                            l.text, true));
                }
            }
            case "node" -> {
                shellCalls(JS_SHELL, code, out, false);
                argvCalls(JS_ARGV, code, out);
                deletes(JS_DELETE, code, out, "node");
            }
            case "perl", "ruby", "php" -> {
                shellCalls(PERL_RUBY_SHELL, code, out, true);
                Matcher b = BACKTICK.matcher(code);
                while (b.find()) {
                    addShell("backticks", b.group(1), b.start(1), out);
                }
                Matcher q = QX.matcher(code);
                while (q.find()) {
                    char open = q.group(1).charAt(0);
                    char close = switch (open) {
                        case '{' -> '}';
                        case '(' -> ')';
                        case '[' -> ']';
                        default -> open;
                    };
                    int end = code.indexOf(close, q.end());
                    if (end > q.end()) {
                        addShell(code.startsWith("%", q.start()) ? "%x" : "qx", code.substring(q.end(), end), q.end(),
                                out);
                    }
                }
                deletes(language.equals("perl") ? PERL_DELETE : language.equals("ruby") ? RUBY_DELETE : PHP_DELETE,
                        code, out, language);
            }
            default -> {
            }
        }
        return out;
    }

    private static void addShell(String call, String raw, int start, List<Finding> out) {
        boolean exact = raw.indexOf('\\') < 0;
        out.add(new Shell(call, unescape(raw), start, start + raw.length(), exact));
    }

    private record Lit(String text, int contentStart, int contentEnd, boolean exact) {
    }

    /** A string literal at the start of {@code s} (offset {@code base} in the code), or null. */
    private static Lit literal(String s, int base) {
        Matcher m = LEADING_LITERAL.matcher(s);
        if (!m.find()) {
            return null;
        }
        String lit = m.group();
        int q = 0;
        while (q < lit.length() && lit.charAt(q) != '\'' && lit.charAt(q) != '"' && lit.charAt(q) != '`') {
            q++;
        }
        String raw = lit.substring(q + 1, lit.length() - 1);
        if (lit.charAt(q) == '`' && raw.contains("${")) {
            return null;
        }
        return new Lit(unescape(raw), base + q + 1, base + lit.length() - 1, raw.indexOf('\\') < 0);
    }

    private static void shellCalls(Pattern p, String code, List<Finding> out, boolean listIsArgv) {
        Matcher m = p.matcher(code);
        while (m.find()) {
            String call = m.group(1);
            String rest = code.substring(m.end());
            Lit l = literal(rest, m.end());
            if (l != null) {
                out.add(new Shell(call, l.text, l.contentStart, l.contentEnd, l.exact));
            } else if (listIsArgv && rest.startsWith("[")) {
                List<String> words = list(rest);
                out.add(words == null || words.isEmpty() ? new Dynamic(call) : new Argv(call, words));
            } else if (!rest.startsWith(")")) {
                out.add(new Dynamic(call));
            }
        }
    }

    private static void argvCalls(Pattern p, String code, List<Finding> out) {
        Matcher m = p.matcher(code);
        while (m.find()) {
            String call = m.group(1);
            String rest = code.substring(m.end());
            Lit l = literal(rest, 0);
            if (l == null) {
                out.add(new Dynamic(call));
                continue;
            }
            List<String> words = new ArrayList<>();
            words.add(l.text);
            String after = rest.substring(l.contentEnd + 1).stripLeading();
            if (after.startsWith(",")) {
                after = after.substring(1).stripLeading();
                if (after.startsWith("[")) {
                    List<String> more = list(after);
                    if (more == null) {
                        out.add(new Dynamic(call));
                        continue;
                    }
                    words.addAll(more);
                }
            }
            if (SHELL_TRUE.matcher(after).find()) {
                out.add(new Shell(call, String.join(" ", words), 0, 0, false));
            } else {
                out.add(new Argv(call, words));
            }
        }
    }

    /** {@code ["rm", "-rf", "/"]}: the literals, or null when an element is not a literal. */
    private static List<String> list(String s) {
        int close = s.indexOf(']');
        if (close < 0) {
            return null;
        }
        String body = s.substring(1, close).trim();
        List<String> out = new ArrayList<>();
        while (!body.isEmpty()) {
            Lit l = literal(body, 0);
            if (l == null) {
                return null;
            }
            out.add(l.text);
            body = body.substring(l.contentEnd + 1).trim();
            if (body.startsWith(",")) {
                body = body.substring(1).trim();
            } else if (!body.isEmpty()) {
                return null;
            }
        }
        return out;
    }

    private static void deletes(Pattern p, String code, List<Finding> out, String language) {
        Matcher m = p.matcher(code);
        while (m.find()) {
            String call = m.group(1);
            String rest = code.substring(m.end());
            Lit l = literal(rest, 0);
            String path = l == null ? rest.split("[,)]", 2)[0].trim() : l.text;
            if (path.isEmpty()) {
                continue;
            }
            String options = l == null ? rest : rest.substring(Math.min(rest.length(), l.contentEnd + 1));
            int close = options.indexOf(')');
            if (close >= 0) {
                options = options.substring(0, close + 1);
            }
            boolean recursive;
            boolean force;
            String program = "rm";
            String name = call.substring(call.lastIndexOf('.') + 1);
            switch (name) {
                case "rmtree", "remove_tree", "rm_r", "remove_dir", "remove_entry", "remove_entry_secure" -> {
                    recursive = true;
                    force = false;
                }
                case "rm_rf" -> {
                    recursive = true;
                    force = true;
                }
                case "rmSync", "rm" -> {
                    recursive = RECURSIVE_TRUE.matcher(options).find();
                    force = FORCE_TRUE.matcher(options).find() || name.equals("rm") && call.contains("rm_f");
                }
                case "rmdirSync", "rmdir", "removedirs" -> {
                    recursive = RECURSIVE_TRUE.matcher(options).find();
                    force = false;
                    program = recursive ? "rm" : "rmdir";
                }
                case "rm_f" -> {
                    recursive = false;
                    force = true;
                }
                default -> {
                    recursive = false;
                    force = false;
                }
            }
            if (language.equals("ruby") && name.equals("rm")) {
                recursive = false;
            }
            List<String> flags = new ArrayList<>();
            if (recursive) {
                flags.add("-r");
            }
            if (force) {
                flags.add("-f");
            }
            out.add(new Delete(call, program, flags, path, l != null));
        }
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(++i);
                b.append(switch (d) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> d;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
