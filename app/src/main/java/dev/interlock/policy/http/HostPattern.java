package dev.interlock.policy.http;

import dev.interlock.policy.PackException;
import dev.interlock.policy.YNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code api.github.com}, {@code *.supabase.co} (any subdomain, at any depth, not the bare domain) or {@code *}. */
record HostPattern(String pattern) {

    static List<HostPattern> parse(YNode list) throws PackException {
        List<HostPattern> out = new ArrayList<>();
        for (YNode n : list.items()) {
            String p = Url.normaliseHost(n.string());
            if (p.isEmpty() || !p.matches("\\*|(\\*\\.)?[a-z0-9_.:-]+") || p.contains("..")) {
                throw n.error("bad host '" + n.string() + "': write a host name, '*.domain' for its subdomains, or '*'");
            }
            out.add(new HostPattern(p.toLowerCase(Locale.ROOT)));
        }
        if (out.isEmpty()) {
            throw list.error("'hosts' needs at least one host");
        }
        return out;
    }

    static Set<String> keys(List<HostPattern> hosts) {
        Set<String> keys = new LinkedHashSet<>();
        hosts.forEach(h -> keys.add(h.pattern));
        return keys;
    }

    boolean matches(String host) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.startsWith("*.")) {
            return host.endsWith(pattern.substring(1)) && host.length() > pattern.length() - 1;
        }
        return host.equals(pattern);
    }

    static boolean any(List<HostPattern> patterns, List<String> hosts) {
        for (String h : hosts) {
            for (HostPattern p : patterns) {
                if (p.matches(h)) {
                    return true;
                }
            }
        }
        return false;
    }
}
