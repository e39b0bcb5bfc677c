package dev.interlock.policy.http;

import java.util.ArrayList;
import java.util.List;

/**
 * curl's URL globbing, {@code {a,b}} sets only (enough to see every host a command reaches). The first
 * {@value #MAX_BRACES} brace groups are looked at, left to right, giving at most {@value #MAX} URLs; a
 * {@code {name}} without a comma is kept as written, and so is everything after the last group looked at.
 */
final class Globs {
    static final int MAX = 64;
    static final int MAX_BRACES = 8;

    private Globs() {
    }

    static List<String> expand(String url) {
        List<String> out = new ArrayList<>();
        expand("", url, 0, out);
        return out;
    }

    private static void expand(String head, String rest, int depth, List<String> out) {
        if (out.size() >= MAX) {
            return;
        }
        int open = rest.indexOf('{');
        int close = open < 0 ? -1 : rest.indexOf('}', open);
        if (open < 0 || close < 0 || depth >= MAX_BRACES) {
            out.add(head + rest);
            return;
        }
        String before = head + rest.substring(0, open);
        String inner = rest.substring(open + 1, close);
        String tail = rest.substring(close + 1);
        if (!inner.contains(",")) {
            expand(before + "{" + inner + "}", tail, depth + 1, out);
            return;
        }
        for (String alt : inner.split(",", -1)) {
            expand(before + alt, tail, depth + 1, out);
        }
    }
}
