package dev.interlock.policy.shell;

/**
 * Maps offsets of a (possibly nested) parsed text to the action's original script. Nested texts come from
 * words such as the string of {@code bash -c '…'}: when that word was verbatim, offsets map one to one
 * ({@code exact}); otherwise every span inside maps to the whole enclosing word.
 */
record OffsetMap(int base, boolean exact, int outerStart, int outerEnd) {

    static OffsetMap identity(int length) {
        return new OffsetMap(0, true, 0, length);
    }

    /** The map for a text nested in {@code w} (a word already in original coordinates). */
    static OffsetMap inside(Word w) {
        return new OffsetMap(w.start(), w.verbatim(), w.start(), w.end());
    }

    /** The map for several words joined with spaces (ssh, watch, eval, parallel). */
    static OffsetMap joined(java.util.List<Word> words) {
        if (words.size() == 1) {
            return inside(words.get(0));
        }
        int s = words.get(0).start();
        int e = words.get(words.size() - 1).end();
        return new OffsetMap(s, false, s, Math.max(s, e));
    }

    int start(int local) {
        return exact ? base + local : outerStart;
    }

    int end(int local) {
        return exact ? base + local : outerEnd;
    }
}
