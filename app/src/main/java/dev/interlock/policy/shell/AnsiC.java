package dev.interlock.policy.shell;

/** Decodes the body of a bash {@code $'…'} string ({@code \x72} is {@code r}). */
final class AnsiC {
    private AnsiC() {
    }

    static String decode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char d = s.charAt(++i);
            switch (d) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'a' -> b.append('\007');
                case 'b' -> b.append('\b');
                case 'e', 'E' -> b.append('\033');
                case 'f' -> b.append('\f');
                case 'v' -> b.append('\013');
                case 'c' -> {
                    if (i + 1 < s.length()) {
                        b.append((char) (s.charAt(++i) & 0x1f));
                    }
                }
                case 'x' -> i = hex(s, i, 2, b);
                case 'u' -> i = hex(s, i, 4, b);
                case 'U' -> i = hex(s, i, 8, b);
                default -> {
                    if (d >= '0' && d <= '7') {
                        int v = 0;
                        int k = i;
                        while (k < s.length() && k < i + 3 && s.charAt(k) >= '0' && s.charAt(k) <= '7') {
                            v = v * 8 + (s.charAt(k) - '0');
                            k++;
                        }
                        b.append((char) (v & 0xff));
                        i = k - 1;
                    } else {
                        if (d != '\\' && d != '\'' && d != '"' && d != '?') {
                            b.append('\\');
                        }
                        b.append(d);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Reads up to {@code max} hex digits after index {@code i}; returns the index of the last one read. */
    private static int hex(String s, int i, int max, StringBuilder b) {
        int v = 0;
        int k = i + 1;
        while (k < s.length() && k <= i + max && Character.digit(s.charAt(k), 16) >= 0) {
            v = v * 16 + Character.digit(s.charAt(k), 16);
            k++;
        }
        if (k == i + 1) {
            b.append('\\').append(s.charAt(i));
            return i;
        }
        b.appendCodePoint(Character.isValidCodePoint(v) ? v : 0xFFFD);
        return k - 1;
    }
}
