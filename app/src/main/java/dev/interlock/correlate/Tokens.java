package dev.interlock.correlate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits action text into the tokens a credential could be: runs of characters that appear in tokens and ids,
 * cut at whitespace, quotes, separators of headers, URLs and assignments. A secret pasted anywhere in a command,
 * header or body shows up as one token.
 */
final class Tokens {
    private static final int MAX_TOKENS = 50_000;

    private Tokens() {
    }

    static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length() && out.size() < MAX_TOKENS; i++) {
            boolean part = i < text.length() && isTokenChar(text.charAt(i));
            if (part && start < 0) {
                start = i;
            } else if (!part && start >= 0) {
                if (i - start <= 4096) {
                    out.add(text.substring(start, i));
                }
                start = -1;
            }
        }
        return out;
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '+' || c == '/' || c == '~';
    }
}
