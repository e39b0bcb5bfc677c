package dev.interlock.policy.http;

import dev.interlock.policy.Span;
import dev.interlock.policy.TextOrigin;

/**
 * Where each character of a decoded text (a JSON string, a document taken out of a body) sits in the action's
 * original text, so a span found in the decoded text can be reported where the human wrote it. Without a map the
 * text is the origin's piece verbatim.
 */
final class TextMap {
    private final TextOrigin base;
    /** rawIndex[i] = offset in the base piece of decoded char i; rawIndex[length] = end. {@code null}: identity. */
    private final int[] rawIndex;

    private TextMap(TextOrigin base, int[] rawIndex) {
        this.base = base;
        this.rawIndex = rawIndex;
    }

    static TextMap of(TextOrigin base) {
        return new TextMap(base, null);
    }

    static TextMap mapped(TextOrigin base, int[] rawIndex) {
        return new TextMap(base, rawIndex);
    }

    /** The same region, but any span inside it is reported as the whole region (the text was decoded). */
    TextMap blurred() {
        return new TextMap(new TextOrigin(base.field(), base.start(), base.end(), false, base.whole()), null);
    }

    TextOrigin base() {
        return base;
    }

    Span all() {
        return base.all();
    }

    Span span(int start, int end) {
        if (rawIndex == null) {
            return base.map(start, end);
        }
        int n = rawIndex.length - 1;
        int s = rawIndex[Math.max(0, Math.min(start, n))];
        int e = rawIndex[Math.max(0, Math.min(end, n))];
        return base.map(s, Math.max(s, e));
    }

    /** The decoded sub-text {@code [start, end)} as a map of its own. */
    TextMap sub(int start, int end) {
        if (rawIndex == null) {
            return new TextMap(base.sub(start, end, base.exact()), null);
        }
        int n = rawIndex.length - 1;
        int s = Math.max(0, Math.min(start, n));
        int e = Math.max(s, Math.min(end, n));
        int[] slice = new int[e - s + 1];
        for (int i = s; i <= e; i++) {
            slice[i - s] = rawIndex[i] - rawIndex[s];
        }
        return new TextMap(base.sub(rawIndex[s], rawIndex[e], false), base.exact() ? slice : null);
    }
}
