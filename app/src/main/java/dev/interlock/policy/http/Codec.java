package dev.interlock.policy.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lenient percent-decoding and {@code application/x-www-form-urlencoded} parsing: bad escapes stay as written. */
final class Codec {
    private Codec() {
    }

    static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0
                    && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** {@code a=1&b=2&a=3} as a multimap, names and values decoded. */
    static Map<String, List<String>> form(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    /**
     * For the form field {@code name} of a URL-encoded body whose value decodes to {@code expected}: the body
     * offset of each decoded char, the last entry the value's end; {@code null} when there is no such field.
     */
    static int[] formValueIndex(String body, String name, String expected) {
        int pairStart = 0;
        while (pairStart <= body.length()) {
            int pairEnd = pairStart;
            while (pairEnd < body.length() && body.charAt(pairEnd) != '&' && body.charAt(pairEnd) != ';') {
                pairEnd++;
            }
            int eq = body.indexOf('=', pairStart);
            if (eq >= 0 && eq < pairEnd && decode(body.substring(pairStart, eq), true).equals(name)) {
                int[] index = valueIndex(body, eq + 1, pairEnd, expected);
                if (index != null) {
                    return index;
                }
            }
            pairStart = pairEnd + 1;
        }
        return null;
    }

    private static int[] valueIndex(String body, int from, int to, String expected) {
        int[] index = new int[expected.length() + 1];
        StringBuilder decoded = new StringBuilder(expected.length());
        int i = from;
        while (i < to) {
            char c = body.charAt(i);
            if (escapeAt(body, i, to)) {
                ByteArrayOutputStream run = new ByteArrayOutputStream();
                List<Integer> at = new ArrayList<>();
                while (escapeAt(body, i, to)) {
                    at.add(i);
                    run.write(hex(body.charAt(i + 1)) * 16 + hex(body.charAt(i + 2)));
                    i += 3;
                }
                String chars = run.toString(StandardCharsets.UTF_8);
                int b = 0;
                for (int k = 0; k < chars.length(); ) {
                    int cp = chars.codePointAt(k);
                    for (int j = 0; j < Character.charCount(cp); j++) {
                        if (decoded.length() >= expected.length()) {
                            return null;
                        }
                        index[decoded.length()] = at.get(Math.min(b, at.size() - 1));
                        decoded.append(chars.charAt(k + j));
                    }
                    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                    k += Character.charCount(cp);
                }
                continue;
            }
            if (decoded.length() >= expected.length()) {
                return null;
            }
            index[decoded.length()] = i;
            decoded.append(c == '+' ? ' ' : c);
            i++;
        }
        if (!decoded.toString().equals(expected)) {
            return null;
        }
        index[expected.length()] = to;
        return index;
    }

    /** A {@code %XX} escape at {@code i}, inside {@code [.., to)}. */
    private static boolean escapeAt(String s, int i, int to) {
        return i + 2 < to && s.charAt(i) == '%' && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0;
    }

    /** Percent-encodes everything but unreserved characters (what {@code curl --data-urlencode} does). */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
