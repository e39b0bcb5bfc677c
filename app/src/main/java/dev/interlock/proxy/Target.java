package dev.interlock.proxy;

import java.net.URI;
import java.util.Locale;

/** Where a request goes: scheme, host and port. */
record Target(boolean tls, String host, int port) {
    Target {
        host = InspectHosts.normalize(host);
    }

    String key() {
        return host + ":" + port;
    }

    String scheme() {
        return tls ? "https" : "http";
    }

    /** {@code https://host[:port]}, the port left out when it is the scheme's default. */
    String base() {
        boolean defaultPort = tls ? port == 443 : port == 80;
        String h = host.contains(":") ? "[" + host + "]" : host;
        return scheme() + "://" + h + (defaultPort ? "" : ":" + port);
    }

    /**
     * True for an IP address literal, including the all-digit forms resolvers also accept ({@code 2130706433},
     * {@code 127.1}): such a host names no service, so the name it stands for is unknown.
     */
    static boolean isAddress(String host) {
        return host.contains(":") || !host.isEmpty() && host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    /** Parses a CONNECT authority {@code host:port} ({@code [v6]:port}); {@code null} when malformed. */
    static Target connectAuthority(String authority) {
        try {
            URI u = new URI("https://" + authority);
            if (u.getHost() == null || u.getPort() < 1 || u.getPort() > 65535 || u.getRawPath() != null && !u.getRawPath().isEmpty()
                    || u.getUserInfo() != null || u.getQuery() != null) {
                return null;
            }
            return new Target(true, stripBrackets(u.getHost()), u.getPort());
        } catch (Exception e) {
            return null;
        }
    }

    /** Parses an absolute-form request URI ({@code http://host[:port]/path}); {@code null} when it is not one. */
    static Target absolute(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return null;
        }
        try {
            URI u = new URI(uri);
            if (u.getHost() == null) {
                return null;
            }
            boolean tls = "https".equalsIgnoreCase(u.getScheme());
            int port = u.getPort() == -1 ? (tls ? 443 : 80) : u.getPort();
            return new Target(tls, stripBrackets(u.getHost()), port);
        } catch (Exception e) {
            return null;
        }
    }

    /** The origin-form part ({@code /path?query}) of a request URI in either form. */
    static String originForm(String uri) {
        if (uri.startsWith("/")) {
            return uri;
        }
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return uri.equals("*") ? uri : "/" + uri;
        }
        int slash = uri.indexOf('/', scheme + 3);
        int query = uri.indexOf('?', scheme + 3);
        if (slash < 0 && query < 0) {
            return "/";
        }
        if (slash < 0 || (query >= 0 && query < slash)) {
            return "/" + uri.substring(query);
        }
        return uri.substring(slash);
    }

    private static String stripBrackets(String h) {
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
