package dev.interlock.broker;

import dev.interlock.action.Action;
import dev.interlock.action.FileAccess;
import dev.interlock.action.HttpCall;
import dev.interlock.action.McpCall;
import dev.interlock.action.ShellCommand;
import dev.interlock.config.DataDir;
import dev.interlock.policy.PackException;
import dev.interlock.policy.UserPack;
import dev.interlock.policy.file.PathResolver;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes "always" grants as {@code allow} rules into the user pack ({@code packs/user.yaml}, the pack format of
 * policy-packs/README.md, each rule with its own examples), checks that the pack still loads and its examples
 * pass, and then asks for the policy to be reloaded. An allow rule is an exception: it silences {@code ask}
 * matches below critical on the same subject, never a deny.
 *
 * <p>Only exact actions can become rules here (a rule-wide "always" would need a copy of the rule's matcher:
 * switch the rule off in the packs settings instead), and a workspace narrowing is kept only where the pack
 * format can express it (file paths).
 */
public final class UserPackWriter implements Broker.AlwaysGrants {
    private final Path file;
    private final Runnable reload;

    public UserPackWriter(DataDir dir, Runnable reload) {
        this.file = dir.packs().resolve("user.yaml");
        this.reload = reload;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void write(PendingApproval approval, HumanAnswer answer) throws AnswerRejectedException {
        Grant g = answer.grant();
        if (g.scope() != Grant.Scope.EXACT_ACTION) {
            throw new AnswerRejectedException("\"always\" can only cover this exact action; to stop asking about a whole "
                    + "rule, switch the rule off in the packs settings");
        }
        Map<String, Object> rule = ruleFor(approval, g.workspace());
        UserPack.Draft draft;
        try {
            draft = UserPack.withRules(file, List.of(rule));
        } catch (PackException e) {
            throw new AnswerRejectedException("this kind of action cannot be allowed \"always\" yet (" + e.getMessage()
                    + "); choose once, minutes or session");
        } catch (IOException e) {
            throw new AnswerRejectedException("cannot read " + file + ": " + e.getMessage() + "; fix it first");
        }
        if (!draft.report().passed()) {
            throw new AnswerRejectedException("the \"always\" rule would not work as intended ("
                    + draft.report().failures().get(0).describe() + "); choose once, minutes or session");
        }
        try {
            UserPack.save(file, draft.yaml());
        } catch (IOException e) {
            throw new AnswerRejectedException("cannot write " + file + ": " + e.getMessage());
        }
        reload.run();
    }

    static Map<String, Object> ruleFor(PendingApproval p, String workspace) throws AnswerRejectedException {
        Action a = p.action();
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", "always-" + p.id());
        rule.put("severity", "low");
        rule.put("verdict", "allow");
        String who = p.origin().agent();
        rule.put("explain", "Allowed always by the user on " + LocalDate.now() + " (approval " + p.id() + ", asked by "
                + who + "): " + oneLine(a.summary()));
        Map<String, Object> matcher = new LinkedHashMap<>();
        List<Object> match = new ArrayList<>();
        List<Object> noMatch = new ArrayList<>();
        if (a instanceof FileAccess f) {
            String abs = PathResolver.resolve(f.path(), f.cwd());
            if (workspace != null && !ActiveGrant.within(abs, workspace)) {
                throw new AnswerRejectedException(abs + " is not inside the workspace " + workspace);
            }
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("modes", List.of(f.mode().word()));
            spec.put("paths", List.of(globEscape(abs)));
            matcher.put("file", spec);
            match.add(Map.of("file", Map.of("path", abs, "mode", f.mode().word())));
            match.add(Map.of("file", Map.of("path", abs, "mode", f.mode().word(), "cwd", "/")));
            noMatch.add(Map.of("file", Map.of("path", abs + ".other", "mode", f.mode().word())));
        } else {
            if (workspace != null) {
                throw new AnswerRejectedException("an \"always\" rule for " + a.kind()
                        + " actions cannot be narrowed to a workspace; choose session or minutes, or drop the workspace");
            }
            if (a instanceof ShellCommand c) {
                String program = c.script().trim().split("\\s+", 2)[0];
                matcher.put("shell", Map.of("command", List.of(program), "text", "^" + Pattern.quote(c.script()) + "$"));
                match.add(c.script());
                match.add(Map.of("command", c.script(), "cwd", c.cwd() == null ? "/" : c.cwd()));
                noMatch.add(c.script() + " x");
            } else if (a instanceof HttpCall h) {
                URI u;
                try {
                    u = URI.create(h.url());
                } catch (IllegalArgumentException e) {
                    throw new AnswerRejectedException("cannot read the URL " + h.url());
                }
                String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("hosts", List.of(u.getHost()));
                spec.put("methods", List.of(h.method()));
                spec.put("path_regex", "^" + Pattern.quote(path) + "$");
                matcher.put("http", spec);
                match.add(Map.of("http", Map.of("method", h.method(), "url", h.url())));
                match.add(Map.of("http", Map.of("method", h.method(), "url", u.getScheme() + "://" + u.getRawAuthority() + path)));
                noMatch.add(Map.of("http", Map.of("method", h.method(), "url", u.getScheme() + "://" + u.getRawAuthority() + path + "x")));
            } else if (a instanceof McpCall m) {
                if (!m.argumentsJson().replaceAll("\\s", "").equals("{}")) {
                    throw new AnswerRejectedException("an MCP call with arguments cannot be allowed \"always\" as an exact "
                            + "action; choose session or minutes");
                }
                matcher.put("mcp", Map.of("servers", List.of(globEscape(m.server())), "tools", List.of(globEscape(m.tool()))));
                match.add(Map.of("mcp", Map.of("server", m.server(), "tool", m.tool())));
                match.add(Map.of("mcp", Map.of("server", m.server(), "tool", m.tool(), "arguments", Map.of())));
                noMatch.add(Map.of("mcp", Map.of("server", m.server(), "tool", m.tool() + "x")));
            }
        }
        rule.put("when", List.of(matcher));
        rule.put("examples", Map.of("match", match, "no_match", noMatch));
        return rule;
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ");
        return t.length() > 160 ? t.substring(0, 160) + "…" : t;
    }

    static String globEscape(String s) {
        return s.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }
}
