package dev.interlock.policy.http;

import dev.interlock.policy.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a command's arguments into options (with their values) and positional words, the way getopt-style
 * programs do: {@code -XPOST}, {@code -X POST}, bundled {@code -sSfL}, {@code --long value}, {@code --long=value},
 * and {@code --} ending the options.
 */
final class ArgScanner {

    /**
     * One option or positional word.
     *
     * @param name       {@code -X}, {@code --request}; {@code null} for a positional word
     * @param value      the option's value, or the positional word's text; {@code null} for a flag
     * @param word       the word the option (or positional) was written in
     * @param valueWord  the word holding the value (the same word when attached)
     * @param valueStart offset of the value inside {@code valueWord}'s text; -1 when the value was derived from it
     */
    record Item(String name, String value, Word word, Word valueWord, int valueStart) {
        boolean positional() {
            return name == null;
        }

        boolean is(String... names) {
            if (name == null) {
                return false;
            }
            for (String n : names) {
                if (n.equals(name)) {
                    return true;
                }
            }
            return false;
        }

        /** Where the value sits in the script. */
        TextMap valueLoc(String script) {
            Word w = valueWord == null ? word : valueWord;
            if (valueStart < 0) {
                return TextMap.of(w.origin(script)).blurred();
            }
            if (valueStart == 0) {
                return TextMap.of(w.origin(script));
            }
            return TextMap.of(w.origin(script).sub(valueStart, w.text().length(), w.verbatim()));
        }

        /** True when the value contains an expansion the shell analyser could not resolve. */
        boolean dynamic() {
            Word w = valueWord == null ? word : valueWord;
            return !w.literal();
        }
    }

    private ArgScanner() {
    }

    static List<Item> scan(List<Word> args, Set<Character> shortWithValue, Set<String> longWithValue) {
        List<Item> out = new ArrayList<>();
        boolean optionsDone = false;
        for (int i = 0; i < args.size(); i++) {
            Word w = args.get(i);
            String t = w.text();
            if (optionsDone || t.length() < 2 || !t.startsWith("-")) {
                out.add(new Item(null, t, w, w, 0));
                continue;
            }
            if (t.equals("--")) {
                optionsDone = true;
                continue;
            }
            if (t.startsWith("--")) {
                int eq = t.indexOf('=');
                String name = eq < 0 ? t : t.substring(0, eq);
                if (eq >= 0) {
                    out.add(new Item(name, t.substring(eq + 1), w, w, eq + 1));
                } else if (longWithValue.contains(name) && i + 1 < args.size()) {
                    Word v = args.get(++i);
                    out.add(new Item(name, v.text(), w, v, 0));
                } else {
                    out.add(new Item(name, null, w, null, 0));
                }
                continue;
            }
            for (int k = 1; k < t.length(); k++) {
                char c = t.charAt(k);
                String name = "-" + c;
                if (shortWithValue.contains(c)) {
                    if (k + 1 < t.length()) {
                        out.add(new Item(name, t.substring(k + 1), w, w, k + 1));
                    } else if (i + 1 < args.size()) {
                        Word v = args.get(++i);
                        out.add(new Item(name, v.text(), w, v, 0));
                    } else {
                        out.add(new Item(name, null, w, null, 0));
                    }
                    break;
                }
                out.add(new Item(name, null, w, null, 0));
            }
        }
        return out;
    }

    /** A region from the first to the last of some words, as one (inexact) place. */
    static TextMap region(String script, List<Word> words) {
        int s = Integer.MAX_VALUE;
        int e = 0;
        for (Word w : words) {
            s = Math.min(s, w.start());
            e = Math.max(e, w.end());
        }
        if (s > e) {
            s = 0;
            e = 0;
        }
        return TextMap.of(new dev.interlock.policy.TextOrigin("command", s, e, false, script));
    }
}
