package dev.interlock.policy.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A URL taken apart leniently (java.net.URI rejects what agents write, like {@code {owner}} placeholders).
 *
 * @param text      the URL as it was written (what spans refer to)
 * @param scheme    lower case; the default scheme when the text had none
 * @param host      lower case, without brackets or trailing dots
 * @param port      the explicit port, or the scheme's default
 * @param path      raw path, {@code /} when empty
 * @param pathStart offset of the path in {@code text} (its end is {@code pathStart + rawPathLength})
 * @param pathEnd   end offset of the path in {@code text}
 * @param rawQuery  the query string without {@code ?}, or empty
 * @param query     decoded query parameters
 */
public record Url(String text, String scheme, String host, int port, String path, int pathStart, int pathEnd,
           String rawQuery, Map<String, List<String>> query) {

    public static Url parse(String text, String defaultScheme) {
        String t = text.trim();
        int lead = text.indexOf(t.isEmpty() ? text : t);
        String scheme = defaultScheme;
        int i = 0;
        int sep = t.indexOf("://");
        if (sep > 0 && isScheme(t, sep)) {
            scheme = t.substring(0, sep).toLowerCase(Locale.ROOT);
            i = sep + 3;
        } else if (t.startsWith("//")) {
            i = 2;
        }
        int authEnd = i;
        while (authEnd < t.length() && "/?#".indexOf(t.charAt(authEnd)) < 0) {
            authEnd++;
        }
        String authority = t.substring(i, authEnd);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        String host;
        int port = -1;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            host = close < 0 ? authority.substring(1) : authority.substring(1, close);
            if (close >= 0 && close + 1 < authority.length() && authority.charAt(close + 1) == ':') {
                port = parsePort(authority.substring(close + 2));
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                port = parsePort(authority.substring(colon + 1));
            } else {
                host = authority;
            }
        }
        host = normaliseHost(host);
        if (port < 0) {
            port = switch (scheme) {
                case "https", "wss" -> 443;
                case "http", "ws" -> 80;
                default -> -1;
            };
        }
        int pathEnd = authEnd;
        while (pathEnd < t.length() && "?#".indexOf(t.charAt(pathEnd)) < 0) {
            pathEnd++;
        }
        String path = t.substring(authEnd, pathEnd);
        String rawQuery = "";
        if (pathEnd < t.length() && t.charAt(pathEnd) == '?') {
            int hash = t.indexOf('#', pathEnd);
            rawQuery = t.substring(pathEnd + 1, hash < 0 ? t.length() : hash);
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        Codec.form(rawQuery).forEach((k, v) -> query.put(k, new ArrayList<>(v)));
        return new Url(text, scheme, host, port, path.isEmpty() ? "/" : path, lead + authEnd, lead + pathEnd,
                rawQuery, query);
    }

    /** Lower case, brackets and trailing dots removed ({@code backboard.railway.app.} is the same host). */
    /** {@code [A-Za-z][A-Za-z0-9+.-]*} over {@code t[0, end)} (RFC 3986 scheme), without a regex per URL. */
    private static boolean isScheme(String t, int end) {
        for (int i = 0; i < end; i++) {
            char c = t.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    static String normaliseHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    private static int parsePort(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The path as a server would route it: percent-decoded (except {@code %2F}), dot segments resolved, repeated
     * and trailing slashes collapsed.
     */
    public String normalisedPath() {
        String p = path.replaceAll("(?i)%2f", "\u0000");
        p = Codec.decode(p, false).replace('\u0000', '/');
        List<String> out = new ArrayList<>();
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(seg);
        }
        return "/" + String.join("/", out);
    }
}
