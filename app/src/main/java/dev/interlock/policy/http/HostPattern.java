package dev.interlock.policy.http;

import dev.interlock.policy.PackException;
import dev.interlock.policy.YNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A host pattern: {@code api.github.com}; {@code *.supabase.co} (any subdomain at any depth, not the bare domain);
 * {@code dynamodb.*.amazonaws.com} (an inner {@code *} is exactly one label); or {@code *} (every host).
 * Indexed under its literal suffix ({@code *.amazonaws.com}), which every matching host's keys contain.
 */
record HostPattern(String pattern, Pattern regex, String indexKey) {
    private static final Pattern LABEL = Pattern.compile("\\*|[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?");

    static List<HostPattern> parse(YNode list) throws PackException {
        List<HostPattern> out = new ArrayList<>();
        for (YNode n : list.items()) {
            out.add(one(n));
        }
        if (out.isEmpty()) {
            throw list.error("'hosts' needs at least one host");
        }
        return out;
    }

    private static HostPattern one(YNode n) throws PackException {
        String p = Url.normaliseHost(n.string());
        if (p.equals("*")) {
            return new HostPattern(p, Pattern.compile(".*"), "*");
        }
        String[] labels = p.split("\\.", -1);
        StringBuilder re = new StringBuilder();
        int lastStar = -1;
        for (int i = 0; i < labels.length; i++) {
            String l = labels[i];
            boolean ipv6 = p.contains(":") && !p.contains("*");
            if (!ipv6 && !LABEL.matcher(l).matches()) {
                throw n.error("bad host '" + n.string() + "': write a host name, '*.domain' for its subdomains, "
                        + "'a.*.domain' for one label, or '*'");
            }
            if (i > 0) {
                re.append("\\.");
            }
            if (l.equals("*")) {
                re.append(i == 0 ? "[^/]+" : "[^./]+");
                lastStar = i;
            } else {
                re.append(Pattern.quote(l));
            }
        }
        if (lastStar == labels.length - 1) {
            throw n.error("bad host '" + n.string() + "': '*' cannot be the top-level domain");
        }
        String key = lastStar < 0 ? p : "*." + String.join(".", java.util.Arrays.copyOfRange(labels, lastStar + 1, labels.length));
        return new HostPattern(p, Pattern.compile(re.toString()), key);
    }

    static Set<String> keys(List<HostPattern> hosts) {
        Set<String> keys = new LinkedHashSet<>();
        hosts.forEach(h -> keys.add(h.indexKey));
        return keys;
    }

    boolean matches(String host) {
        return regex.matcher(host).matches();
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
