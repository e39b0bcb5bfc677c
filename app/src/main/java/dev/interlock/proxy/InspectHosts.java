package dev.interlock.proxy;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The hosts whose TLS the proxy terminates: exact names and {@code *.example.com} (any subdomain, not the domain
 * itself). Everything else is tunnelled without decryption.
 */
public class InspectHosts {
    private final Set<String> exact = new LinkedHashSet<>();
    private final Set<String> suffixes = new LinkedHashSet<>();

    private InspectHosts(Collection<String> patterns) {
        for (String p : patterns) {
            String h = normalize(p);
            if (h.isEmpty()) {
                continue;
            }
            if (h.startsWith("*.")) {
                suffixes.add(h.substring(1));
            } else {
                exact.add(h);
            }
        }
    }

    public static InspectHosts of(Collection<String> patterns) {
        return new InspectHosts(patterns);
    }

    /**
     * Hosts that follow a changing source (packs reloaded, settings edited): re-read on every check, rebuilt only
     * when the set changes. CONNECTs are rare next to requests, so this stays cheap.
     */
    public static InspectHosts live(java.util.function.Supplier<? extends Collection<String>> source) {
        return new InspectHosts(java.util.List.of()) {
            private volatile Set<String> last = Set.of();
            private volatile InspectHosts current = InspectHosts.of(java.util.List.of());

            @Override
            public boolean inspects(String host) {
                return refreshed().inspects(host);
            }

            @Override
            public Set<String> patterns() {
                return refreshed().patterns();
            }

            private InspectHosts refreshed() {
                Set<String> now = new LinkedHashSet<>(source.get());
                if (!now.equals(last)) {
                    current = InspectHosts.of(now);
                    last = now;
                }
                return current;
            }
        };
    }

    public boolean inspects(String host) {
        String h = normalize(host);
        if (exact.contains(h)) {
            return true;
        }
        for (String s : suffixes) {
            if (h.endsWith(s) && h.length() > s.length()) {
                return true;
            }
        }
        return false;
    }

    /** The patterns, for display. */
    public Set<String> patterns() {
        Set<String> out = new LinkedHashSet<>(exact);
        suffixes.forEach(s -> out.add("*" + s));
        return out;
    }

    static String normalize(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }
}
