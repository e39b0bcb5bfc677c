package dev.interlock.policy.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds where a JSON string value sits in the raw text and maps its decoded characters back to raw offsets. */
final class JsonStrings {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonStrings() {
    }

    /**
     * Offsets of the {@code "query"} string values: key -1 for a top-level object, i for the i-th element of a
     * top-level array.
     */
    static Map<Integer, Integer> queryOffsets(String body) {
        Map<Integer, Integer> out = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                scanObject(p, -1, out);
            } else if (first == JsonToken.START_ARRAY) {
                int i = 0;
                JsonToken t;
                while ((t = p.nextToken()) != null && t != JsonToken.END_ARRAY) {
                    if (t == JsonToken.START_OBJECT) {
                        scanObject(p, i, out);
                    } else if (t.isStructStart()) {
                        p.skipChildren();
                    }
                    i++;
                }
            }
        } catch (Exception e) {
            // spans only: a body Jackson cannot stream keeps its whole-body span
        }
        return out;
    }

    /**
     * Offsets of the opening quotes of the string values at a dot path ({@code a.b.0.c}; {@code *} = every
     * element or field), in document order; empty when the text cannot be streamed.
     */
    static List<Integer> valueOffsets(String body, String path) {
        String[] want = path.split("\\.");
        List<Integer> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_STRING && at(p.getParsingContext(), want)) {
                    out.add((int) p.currentTokenLocation().getCharOffset());
                }
            }
        } catch (Exception e) {
            // spans only: what was found before the bad part is kept
        }
        return out;
    }

    /** True when the value the parser is on sits at {@code want}. */
    private static boolean at(JsonStreamContext ctx, String[] want) {
        int i = want.length - 1;
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent(), i--) {
            if (i < 0) {
                return false;
            }
            String w = want[i];
            if (w.equals("*")) {
                continue;
            }
            if (c.inArray() ? !w.equals(Integer.toString(c.getCurrentIndex())) : !w.equals(c.getCurrentName())) {
                return false;
            }
        }
        return i == -1;
    }

    private static void scanObject(JsonParser p, int entry, Map<Integer, Integer> out) throws java.io.IOException {
        JsonToken t;
        while ((t = p.nextToken()) != null && t != JsonToken.END_OBJECT) {
            if (t == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("query".equals(name) && v == JsonToken.VALUE_STRING) {
                    out.putIfAbsent(entry, (int) p.currentTokenLocation().getCharOffset());
                } else if (v != null && v.isStructStart()) {
                    p.skipChildren();
                }
            }
        }
    }

    /**
     * Decodes the JSON string literal starting at {@code quote} (the opening quote) and returns, for each decoded
     * char, its raw offset; the last entry is the offset of the closing quote. {@code null} if it is not a string.
     */
    static int[] rawIndex(String raw, int quote, String expected) {
        if (quote < 0 || quote >= raw.length() || raw.charAt(quote) != '"') {
            return null;
        }
        StringBuilder decoded = new StringBuilder();
        int[] map = new int[expected.length() + 1];
        int n = 0;
        int i = quote + 1;
        while (i < raw.length() && raw.charAt(i) != '"') {
            if (n >= expected.length()) {
                return null;
            }
            map[n++] = i;
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char e = raw.charAt(i + 1);
                if (e == 'u' && i + 5 < raw.length()) {
                    decoded.append((char) Integer.parseInt(raw.substring(i + 2, i + 6), 16));
                    i += 6;
                } else {
                    decoded.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        default -> e;
                    });
                    i += 2;
                }
            } else {
                decoded.append(c);
                i++;
            }
        }
        map[n] = i;
        if (!decoded.toString().equals(expected)) {
            return null;
        }
        return map;
    }
}
