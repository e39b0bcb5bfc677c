package dev.interlock.audit;

import dev.interlock.config.DataDir;
import dev.interlock.config.InstallKey;
import dev.interlock.secrets.Fingerprints;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces anything that looks like a credential by a masked form carrying a keyed fingerprint, e.g.
 * {@code Bearer [masked fp=3f9a0c1d22be]}: the same secret always gets the same fingerprint on this install
 * (so a human can tell that two requests used the same key), but the fingerprint reveals nothing without the
 * per-install key. Used for everything the audit log stores; other parts (UI, proxy logs) reuse it.
 *
 * <p>Covered: sensitive headers (Authorization, Proxy-Authorization, X-Api-Key, Api-Key, Cookie, Set-Cookie,
 * X-Auth-Token, and any header whose name says token/secret/key/password), {@code Bearer}/{@code Basic}
 * credentials, {@code password=…}-style assignments and JSON fields ({@code "token": "…"}), passwords in URLs
 * ({@code scheme://user:pass@host}), secret-looking query parameters, private-key blocks, and common token
 * shapes (GitHub, GitLab, OpenAI/Anthropic, Slack, AWS access key ids, Google API keys, Stripe, npm, JWTs).
 */
public final class SecretMasker {
    private static final String SECRET_NAME = "(?:[A-Za-z0-9_.-]*(?:passw(?:or)?d|passwd|pwd|secret|token|api[_-]?key"
            + "|apikey|access[_-]?key|private[_-]?key|credential|session[_-]?id|client[_-]?secret)[A-Za-z0-9_.-]*)";

    private static final Set<String> SENSITIVE_HEADERS = Set.of("authorization", "proxy-authorization", "x-api-key",
            "api-key", "apikey", "cookie", "set-cookie", "x-auth-token", "x-access-token", "private-token",
            "x-goog-api-key", "x-amz-security-token", "x-csrf-token");

    /**
     * A masking pattern and the literals one of which any match must contain ({@code lower}: looked up in the
     * lower-cased text): checking those first skips most patterns on most texts, which keeps masking cheap on the
     * audit's hot path without changing what is masked.
     */
    private record Rule(Pattern pattern, int group, boolean lower, List<String> needs) {
        static Rule ci(String regex, int group, String... needs) {
            return new Rule(Pattern.compile("(?i)" + regex), group, true, List.of(needs));
        }

        static Rule cs(String regex, int group, String... needs) {
            return new Rule(Pattern.compile(regex), group, false, List.of(needs));
        }

        boolean mayMatch(String text, String lowered) {
            String in = lower ? lowered : text;
            for (String n : needs) {
                if (in.contains(n)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final String[] NAME_NEEDS = {"passw", "pwd", "secret", "token", "api", "access", "private",
        "credential", "session"};

    private static final List<Rule> RULES = List.of(
            // PEM private keys, whole block
            Rule.cs("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", 0, "PRIVATE KEY-----"),
            // header lines inside commands or raw requests: "Authorization: Bearer x", "-H 'X-Api-Key: x'"
            Rule.ci("\\b(?:proxy-)?authorization\\s*:\\s*(?:bearer|basic|token|digest|bot)?\\s*([^\\s'\"\\\\]+)", 1, "authorization"),
            Rule.ci("\\b(?:x-api-key|api-key|x-auth-token|x-access-token|private-token"
                    + "|x-goog-api-key|cookie|set-cookie)\\s*:\\s*([^'\"\\n\\\\]+)", 1,
                    "api-key", "auth-token", "access-token", "private-token", "cookie"),
            Rule.ci("\\b(?:bearer|basic)\\s+([A-Za-z0-9._~+/=-]{8,})", 1, "bearer", "basic"),
            // URL user:password@
            Rule.ci("\\b[a-z][a-z0-9+.-]*://[^\\s:/@'\"]+:([^\\s@/'\"]+)@", 1, "://"),
            // name=value, name: value, "name": "value", --password value
            Rule.ci("\"" + SECRET_NAME + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)+)\"", 1, NAME_NEEDS),
            Rule.ci("\\b" + SECRET_NAME + "\\s*[=:]\\s*'([^']+)'", 1, NAME_NEEDS),
            Rule.ci("\\b" + SECRET_NAME + "\\s*[=:]\\s*\"((?:[^\"\\\\]|\\\\.)+)\"", 1, NAME_NEEDS),
            Rule.ci("\\b" + SECRET_NAME + "\\s*=\\s*([^\\s&;'\"]+)", 1, NAME_NEEDS),
            Rule.ci("(?:^|\\s)--?(?:password|passwd|token|api-key|secret)[\\s=]+([^\\s'\"-][^\\s'\"]*)", 1,
                    "passw", "token", "api-key", "secret"),
            // token shapes
            Rule.cs("\\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\\b", 0, "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
            Rule.cs("\\bgithub_pat_[A-Za-z0-9_]{40,}\\b", 0, "github_pat_"),
            Rule.cs("\\bglpat-[A-Za-z0-9_-]{20,}\\b", 0, "glpat-"),
            Rule.cs("\\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}\\b", 0, "sk-"),
            Rule.cs("\\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\\b", 0, "_live_", "_test_"),
            Rule.cs("\\bxox[abposr]-[A-Za-z0-9-]{10,}\\b", 0, "xox"),
            Rule.cs("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", 0, "AKIA", "ASIA"),
            Rule.cs("\\bAIza[0-9A-Za-z_-]{35}\\b", 0, "AIza"),
            Rule.cs("\\bnpm_[A-Za-z0-9]{36}\\b", 0, "npm_"),
            Rule.cs("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\b", 0, "eyJ"));

    private static final Pattern SECRET_NAME_WHOLE = Pattern.compile("(?i)" + SECRET_NAME);
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)^(bearer|basic|token|digest|bot)\\s+(.+)$");
    private static final Pattern MASKED = Pattern.compile("\\[masked fp=[0-9a-f]{12}]");

    private final Fingerprints fingerprints;

    public SecretMasker(byte[] installKey) {
        this.fingerprints = Fingerprints.fromInstallKey(installKey);
    }

    public static SecretMasker forDataDir(DataDir dir) throws IOException {
        return new SecretMasker(InstallKey.load(dir));
    }

    /** 12 hex chars of HMAC-SHA256 under the install key (the same fingerprint {@code interlock scan} shows). */
    public String fingerprint(String secret) {
        return fingerprints.of(secret);
    }

    /** The masked form of one secret value. */
    public String mask(String secret) {
        return "[masked fp=" + fingerprint(secret) + "]";
    }

    /** Masks every credential-looking part of free text (a command, a body, output). */
    public String maskText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        String lowered = text.toLowerCase(Locale.ROOT);
        for (Rule r : RULES) {
            if (r.mayMatch(out, lowered)) {
                String next = apply(r, out);
                if (next != out) {
                    out = next;
                    lowered = out.toLowerCase(Locale.ROOT);
                }
            }
        }
        return out;
    }

    private String apply(Rule r, String text) {
        Matcher m = r.pattern.matcher(text);
        StringBuilder sb = null;
        int last = 0;
        while (m.find()) {
            int s = m.start(r.group);
            int e = m.end(r.group);
            if (s < 0 || e <= s) {
                continue;
            }
            String secret = text.substring(s, e);
            if (MASKED.matcher(secret).find() || secret.startsWith("[masked")) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            sb.append(text, last, s).append(mask(secret));
            last = e;
        }
        if (sb == null) {
            return text;
        }
        sb.append(text, last, text.length());
        return sb.toString();
    }

    /** True for a header whose whole value is a credential. */
    public static boolean sensitiveHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SENSITIVE_HEADERS.contains(n) || n.contains("token") || n.contains("secret") || n.contains("password")
                || n.endsWith("-key") || n.contains("api-key") || n.contains("apikey");
    }

    /** True for an environment variable or field name that names a credential. */
    public static boolean sensitiveName(String name) {
        return SECRET_NAME_WHOLE.matcher(name).matches();
    }

    /** A header value: sensitive headers keep only their scheme word ({@code Bearer}), the rest is masked text. */
    public String maskHeader(String name, String value) {
        if (value == null) {
            return null;
        }
        if (!sensitiveHeader(name)) {
            return maskText(value);
        }
        Matcher scheme = AUTH_SCHEME.matcher(value.trim());
        if (scheme.matches()) {
            return scheme.group(1) + " " + mask(scheme.group(2));
        }
        return mask(value);
    }

    /** An environment value or named field: masked whole when the name says it is a credential. */
    public String maskNamed(String name, String value) {
        if (value == null) {
            return null;
        }
        return sensitiveName(name) ? mask(value) : maskText(value);
    }
}
