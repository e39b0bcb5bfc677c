package dev.interlock.policy.http;

import java.util.ArrayList;
import java.util.List;

/** curl's URL globbing, {@code {a,b}} sets only (enough to see every host a command reaches). */
final class Globs {
    private static final int MAX = 64;

    private Globs() {
    }

    static List<String> expand(String url) {
        List<String> out = new ArrayList<>();
        expand(url, out);
        return out;
    }

    private static void expand(String s, List<String> out) {
        if (out.size() >= MAX) {
            return;
        }
        int open = s.indexOf('{');
        int close = open < 0 ? -1 : s.indexOf('}', open);
        if (open < 0 || close < 0) {
            out.add(s);
            return;
        }
        String head = s.substring(0, open);
        String tail = s.substring(close + 1);
        String inner = s.substring(open + 1, close);
        if (!inner.contains(",")) {
            // a {placeholder}, not a set: keep it and expand the rest
            List<String> rest = new ArrayList<>();
            expand(tail, rest);
            rest.forEach(r -> out.add(head + "{" + inner + "}" + r));
            return;
        }
        for (String alt : inner.split(",", -1)) {
            expand(head + alt + tail, out);
        }
    }
}
