package dev.interlock.policy;

/**
 * Where a piece of text that a subject analyses sits inside the original action, so spans found in the piece
 * can be reported in the action's own coordinates.
 *
 * @param field the action field ({@code command}, {@code body}, {@code url}, …)
 * @param start offset of the piece in the field
 * @param end   end offset of the piece in the field
 * @param exact true when the piece is a verbatim substring (offsets map one to one); false when it was
 *              unquoted/decoded, in which case any span maps to the whole region
 * @param whole the field's full text (to cut the reported text from)
 */
public record TextOrigin(String field, int start, int end, boolean exact, String whole) {

    /** The whole field, verbatim. */
    public static TextOrigin whole(String field, String text) {
        return new TextOrigin(field, 0, text.length(), true, text);
    }

    /** Maps {@code [s, e)} inside the piece to a span of the original field. */
    public Span map(int s, int e) {
        if (!exact) {
            return Span.of(field, whole, start, end);
        }
        return Span.of(field, whole, start + s, start + e);
    }

    /** The whole piece as a span. */
    public Span all() {
        return Span.of(field, whole, start, end);
    }

    /** A sub-piece {@code [s, e)} of this piece, itself exact only if this one is. */
    public TextOrigin sub(int s, int e, boolean verbatim) {
        if (!exact) {
            return this;
        }
        return new TextOrigin(field, start + s, start + e, verbatim, whole);
    }
}
