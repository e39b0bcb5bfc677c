package dev.interlock.cli;

/** Makes untrusted text safe to print on a terminal: control and invisible characters become visible escapes. */
final class Safe {
    private Safe() {
    }

    static String visible(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\t') {
                sb.append(' ');
            } else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)
                    || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e)
                    || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff) {
                sb.append(String.format("\\u{%x}", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
