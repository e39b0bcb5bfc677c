package dev.interlock.policy.sql;

import dev.interlock.policy.TextOrigin;
import dev.interlock.policy.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads option values and positional words out of a client's argument list, keeping their origins. */
final class ClientArgs {
    /** A piece of text an argument carries, and where it sits in the script. */
    record Piece(String text, TextOrigin origin, boolean literal) {
    }

    private final List<Word> args;
    private final String script;

    ClientArgs(List<Word> args, String script) {
        this.args = args;
        this.script = script;
    }

    Piece whole(Word w) {
        return rest(w, 0);
    }

    /** The part of {@code w} after its first {@code skip} characters (e.g. after {@code --command=}). */
    Piece rest(Word w, int skip) {
        return new Piece(w.text().substring(skip), origin(w, skip), w.literal());
    }

    /**
     * Where the value sits in the script. A word quoted as a whole ({@code 'DROP TABLE x'}, {@code --command="…"})
     * without escapes inside still maps one to one, just inside the quotes; otherwise the span is the whole word.
     */
    private TextOrigin origin(Word w, int skip) {
        TextOrigin o = w.origin(script);
        String value = w.text().substring(skip);
        if (w.verbatim()) {
            return o.sub(skip, w.text().length(), true);
        }
        if (w.start() < 0 || w.end() > script.length() || w.start() > w.end()) {
            return o;
        }
        String region = script.substring(w.start(), w.end());
        String prefix = w.text().substring(0, skip);
        for (char q : new char[] {'\'', '"'}) {
            if (region.length() == prefix.length() + value.length() + 2 && region.startsWith(prefix)
                    && region.charAt(skip) == q && region.endsWith(String.valueOf(q))
                    && region.regionMatches(skip + 1, value, 0, value.length())) {
                return new TextOrigin(o.field(), w.start() + skip + 1, w.end() - 1, true, script);
            }
        }
        return o;
    }

    /**
     * Values of an option given as {@code --long value}, {@code --long=value}, {@code -x value}, {@code -xvalue}
     * or inside a bundle of flag letters ({@code -Xc value}).
     *
     * @param longNames   long spellings, with dashes ({@code --command}); may be empty
     * @param shortLetter the short letter, or 0
     * @param flagLetters short letters of this program that take no value (may precede the letter in a bundle)
     * @param exactShorts whole-word short options that also mean this option (e.g. {@code -cmd}), may be empty
     */
    List<Piece> values(Set<String> longNames, char shortLetter, String flagLetters, Set<String> exactShorts) {
        List<Piece> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Word w = args.get(i);
            String t = w.text();
            if (t.equals("--")) {
                break;
            }
            if (longNames.contains(t) || exactShorts.contains(t)) {
                if (i + 1 < args.size()) {
                    out.add(whole(args.get(i + 1)));
                    i++;
                }
                continue;
            }
            int eq = t.indexOf('=');
            if (t.startsWith("--") && eq > 0 && longNames.contains(t.substring(0, eq))) {
                out.add(rest(w, eq + 1));
                continue;
            }
            if (shortLetter != 0 && t.length() >= 2 && t.charAt(0) == '-' && t.charAt(1) != '-') {
                for (int k = 1; k < t.length(); k++) {
                    char c = t.charAt(k);
                    if (c == shortLetter) {
                        if (k + 1 < t.length()) {
                            out.add(rest(w, k + 1));
                        } else if (i + 1 < args.size()) {
                            out.add(whole(args.get(i + 1)));
                            i++;
                        }
                        break;
                    }
                    if (flagLetters.indexOf(c) < 0) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    boolean has(String... flags) {
        Set<String> set = Set.of(flags);
        for (Word w : args) {
            String t = w.text();
            int eq = t.indexOf('=');
            if (set.contains(t) || eq > 0 && set.contains(t.substring(0, eq))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Positional words: those not starting with {@code -}, skipping the values of {@code valueOptions}
     * (given without {@code =}). Everything after {@code --} is positional.
     */
    List<Word> positionals(Set<String> valueOptions) {
        List<Word> out = new ArrayList<>();
        boolean rest = false;
        for (int i = 0; i < args.size(); i++) {
            Word w = args.get(i);
            String t = w.text();
            if (rest) {
                out.add(w);
            } else if (t.equals("--")) {
                rest = true;
            } else if (t.startsWith("-") && t.length() > 1) {
                if (valueOptions.contains(t)) {
                    i++;
                }
            } else {
                out.add(w);
            }
        }
        return out;
    }
}
