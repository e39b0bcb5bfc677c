package dev.interlock.ui.prompt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns untrusted text (a command, a request body) into pieces that are safe to show: control characters, ANSI
 * escapes, bidi overrides, zero-width and look-alike characters become visible badges instead of acting on the
 * display. Offsets of the original text stay addressable so a matched span can be highlighted.
 */
public final class SafeText {

    public enum Kind { PLAIN, CONTROL, CONFUSABLE, LINE_BREAK }

    /**
     * One displayed piece.
     *
     * @param display what to show
     * @param kind    how to style it
     * @param inSpan  true when it covers part of the matched span
     * @param start   offset of the original text it came from
     */
    public record Piece(String display, Kind kind, boolean inSpan, int start) {
    }

    /** The pieces, and which kinds of hidden content were found (for a warning line). */
    public record Rendered(List<Piece> pieces, Set<String> findings) {
        public String plain() {
            StringBuilder sb = new StringBuilder();
            pieces.forEach(p -> sb.append(p.display()));
            return sb.toString();
        }
    }

    private SafeText() {
    }

    public static Rendered render(String text) {
        return render(text, -1, -1);
    }

    /** Renders {@code text}, marking the pieces inside {@code [spanStart, spanEnd)} (negative: no span). */
    public static Rendered render(String text, int spanStart, int spanEnd) {
        List<Piece> out = new ArrayList<>();
        Set<String> findings = new LinkedHashSet<>();
        StringBuilder plain = new StringBuilder();
        int plainStart = 0;
        int i = 0;
        while (i < text.length()) {
            boolean boundary = i == spanStart || i == spanEnd;
            if (boundary && plain.length() > 0) {
                out.add(new Piece(plain.toString(), Kind.PLAIN, inSpan(plainStart, spanStart, spanEnd), plainStart));
                plain.setLength(0);
            }
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            String badge = null;
            Kind kind = Kind.CONTROL;
            if (cp == 0x1b) {
                len = escapeLength(text, i);
                badge = "␛" + visibleAscii(text.substring(i + 1, i + len));
                findings.add("terminal escape sequence");
            } else if (cp == '\n') {
                kind = Kind.LINE_BREAK;
                badge = "\n";
            } else if (cp == '\r') {
                badge = "⟨CR⟩";
                findings.add("carriage return");
            } else if (cp == '\t') {
                badge = "⇥ ";
            } else if (isBidi(cp)) {
                badge = "⟨" + bidiName(cp) + "⟩";
                findings.add("bidirectional override");
            } else if (isInvisible(cp)) {
                badge = "⟨" + invisibleName(cp) + "⟩";
                findings.add("invisible character");
            } else if (isOddSpace(cp)) {
                badge = "⟨" + codePoint(cp) + " space⟩";
                findings.add("look-alike space");
            } else if (isControl(cp)) {
                badge = "⟨" + controlName(cp) + "⟩";
                findings.add("control character");
            } else if (isConfusable(text, i, cp)) {
                kind = Kind.CONFUSABLE;
                badge = new String(Character.toChars(cp)) + "⟨" + codePoint(cp) + "⟩";
                findings.add("look-alike letters (" + scriptName(cp) + ")");
            }
            if (badge == null) {
                if (plain.length() == 0) {
                    plainStart = i;
                }
                plain.appendCodePoint(cp);
            } else {
                if (plain.length() > 0) {
                    out.add(new Piece(plain.toString(), Kind.PLAIN, inSpan(plainStart, spanStart, spanEnd), plainStart));
                    plain.setLength(0);
                }
                out.add(new Piece(badge, kind, inSpan(i, spanStart, spanEnd), i));
            }
            i += len;
        }
        if (plain.length() > 0) {
            out.add(new Piece(plain.toString(), Kind.PLAIN, inSpan(plainStart, spanStart, spanEnd), plainStart));
        }
        return new Rendered(List.copyOf(out), Set.copyOf(findings));
    }

    /** One line, every hidden thing visible, line breaks shown as ↵ (for table cells and headlines). */
    public static String oneLine(String text) {
        StringBuilder sb = new StringBuilder();
        for (Piece p : render(text).pieces()) {
            sb.append(p.kind() == Kind.LINE_BREAK ? "↵ " : p.display());
        }
        return sb.toString();
    }

    private static boolean inSpan(int offset, int spanStart, int spanEnd) {
        return spanStart >= 0 && offset >= spanStart && offset < spanEnd;
    }

    /** Length of an escape sequence starting at {@code i} (CSI, OSC, or a two-character escape). */
    static int escapeLength(String s, int i) {
        int n = s.length();
        if (i + 1 >= n) {
            return 1;
        }
        char c = s.charAt(i + 1);
        if (c == '[') {
            int j = i + 2;
            while (j < n && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x3f) {
                j++;
            }
            return j < n && s.charAt(j) >= 0x40 && s.charAt(j) <= 0x7e ? j + 1 - i : j - i;
        }
        if (c == ']') {
            int j = i + 2;
            while (j < n && s.charAt(j) != 0x07 && s.charAt(j) != 0x1b && s.charAt(j) != '\n' && j - i < 256) {
                j++;
            }
            if (j < n && s.charAt(j) == 0x07) {
                return j + 1 - i;
            }
            if (j + 1 < n && s.charAt(j) == 0x1b && s.charAt(j + 1) == '\\') {
                return j + 2 - i;
            }
            return j - i;
        }
        return c >= 0x20 && c <= 0x7e ? 2 : 1;
    }

    private static String visibleAscii(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                sb.appendCodePoint(cp);
            } else {
                sb.append("⟨").append(codePoint(cp)).append("⟩");
            }
        });
        return sb.toString();
    }

    static boolean isBidi(int cp) {
        return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f
                || cp == 0x061c;
    }

    private static String bidiName(int cp) {
        return switch (cp) {
            case 0x202a -> "LRE";
            case 0x202b -> "RLE";
            case 0x202c -> "PDF";
            case 0x202d -> "LRO";
            case 0x202e -> "RLO";
            case 0x2066 -> "LRI";
            case 0x2067 -> "RLI";
            case 0x2068 -> "FSI";
            case 0x2069 -> "PDI";
            case 0x200e -> "LRM";
            case 0x200f -> "RLM";
            default -> "ALM";
        } + " " + codePoint(cp);
    }

    static boolean isInvisible(int cp) {
        return (cp >= 0x200b && cp <= 0x200d) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xfeff || cp == 0x00ad
                || cp == 0x180e || cp == 0x034f || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0000 && cp <= 0xe007f)
                || cp == 0x3164 || cp == 0x115f || cp == 0x1160 || cp == 0xffa0;
    }

    private static String invisibleName(int cp) {
        return switch (cp) {
            case 0x200b -> "ZWSP";
            case 0x200c -> "ZWNJ";
            case 0x200d -> "ZWJ";
            case 0x2060 -> "WJ";
            case 0xfeff -> "BOM";
            case 0x00ad -> "SHY";
            default -> "invisible";
        } + " " + codePoint(cp);
    }

    private static boolean isOddSpace(int cp) {
        return cp == 0x00a0 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f || cp == 0x3000
                || cp == 0x2028 || cp == 0x2029 || cp == 0x1680;
    }

    private static boolean isControl(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }

    private static String controlName(int cp) {
        return switch (cp) {
            case 0 -> "NUL";
            case 7 -> "BEL";
            case 8 -> "BS";
            case 0x7f -> "DEL";
            default -> codePoint(cp);
        };
    }

    /**
     * A letter that looks like a Latin one: full-width and mathematical forms always; Cyrillic, Greek, Armenian and
     * Cherokee letters when the word they sit in also has Latin letters (the homoglyph trick).
     */
    static boolean isConfusable(String s, int i, int cp) {
        if ((cp >= 0xff01 && cp <= 0xff5e) || (cp >= 0x1d400 && cp <= 0x1d7ff) || (cp >= 0x2100 && cp <= 0x214f
                && Character.isLetter(cp))) {
            return true;
        }
        if (cp < 0x80 || !Character.isLetter(cp) || !lookAlikeScript(cp)) {
            return false;
        }
        int a = i;
        while (a > 0 && Character.isLetterOrDigit(s.codePointBefore(a))) {
            a -= Character.charCount(s.codePointBefore(a));
        }
        int b = i;
        while (b < s.length() && Character.isLetterOrDigit(s.codePointAt(b))) {
            b += Character.charCount(s.codePointAt(b));
        }
        return s.substring(a, b).codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
    }

    private static boolean lookAlikeScript(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.CYRILLIC || script == Character.UnicodeScript.GREEK
                || script == Character.UnicodeScript.ARMENIAN || script == Character.UnicodeScript.CHEROKEE;
    }

    private static String scriptName(int cp) {
        if (cp >= 0xff01 && cp <= 0xff5e) {
            return "full-width";
        }
        if (cp >= 0x1d400 && cp <= 0x1d7ff) {
            return "mathematical";
        }
        String n = Character.UnicodeScript.of(cp).name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    static String codePoint(int cp) {
        return String.format("U+%04X", cp);
    }
}
