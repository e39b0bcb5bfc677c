package dev.interlock.policy;

/**
 * The part of an action's input that a rule matched.
 *
 * @param field which text the offsets refer to: {@code command} (a shell action's script), {@code url},
 *              {@code body}, {@code header:<name>}, {@code path} (file actions), {@code arguments} (MCP)
 * @param start inclusive char offset into that field's text
 * @param end   exclusive char offset
 * @param text  the matched text itself
 */
public record Span(String field, int start, int end, String text) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public static Span of(String field, String whole, int start, int end) {
        int s = Math.max(0, Math.min(start, whole.length()));
        int e = Math.max(s, Math.min(end, whole.length()));
        return new Span(field, s, e, whole.substring(s, e));
    }
}
