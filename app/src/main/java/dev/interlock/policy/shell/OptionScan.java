package dev.interlock.policy.shell;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks the options of a wrapper command the way getopt would: short bundles ({@code -iu root}), attached
 * values ({@code -uroot}, {@code --user=root}), {@code --}, optional {@code NAME=value} assignments and a fixed
 * number of leading positionals (the duration of {@code timeout}, the host of {@code ssh}).
 */
final class OptionScan {
    final Set<String> valueFlags = new HashSet<>();
    private static final java.util.regex.Pattern ASSIGNMENT = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", java.util.regex.Pattern.DOTALL);
    boolean assignments;
    int leadingPositionals;

    /** The outcome: where the command starts and the option values seen. */
    static final class Result {
        int commandStart;
        final Map<String, Word> values = new LinkedHashMap<>();
        final Set<String> flags = new HashSet<>();
        final Map<String, String> env = new LinkedHashMap<>();
        final List<Word> positionals = new ArrayList<>();

        Word value(String... names) {
            for (String n : names) {
                if (values.containsKey(n)) {
                    return values.get(n);
                }
            }
            return null;
        }

        boolean has(String... names) {
            for (String n : names) {
                if (flags.contains(n) || values.containsKey(n)) {
                    return true;
                }
            }
            return false;
        }
    }

    static OptionScan of(String... valueFlags) {
        OptionScan s = new OptionScan();
        s.valueFlags.addAll(List.of(valueFlags));
        return s;
    }

    OptionScan assignments() {
        this.assignments = true;
        return this;
    }

    OptionScan leading(int n) {
        this.leadingPositionals = n;
        return this;
    }

    Result scan(List<Word> args, int from) {
        Result r = new Result();
        int i = from;
        boolean optionsEnded = false;
        while (i < args.size()) {
            Word w = args.get(i);
            String t = w.text();
            if (!optionsEnded && t.equals("--")) {
                optionsEnded = true;
                i++;
                continue;
            }
            if (!optionsEnded && t.length() > 1 && t.startsWith("-")) {
                if (t.startsWith("--")) {
                    int eq = t.indexOf('=');
                    String name = eq < 0 ? t : t.substring(0, eq);
                    if (eq >= 0) {
                        r.values.put(name, sub(w, t.substring(eq + 1)));
                    } else if (valueFlags.contains(name) && i + 1 < args.size()) {
                        r.values.put(name, args.get(++i));
                    } else {
                        r.flags.add(name);
                    }
                } else {
                    for (int k = 1; k < t.length(); k++) {
                        String f = "-" + t.charAt(k);
                        if (valueFlags.contains(f)) {
                            if (k + 1 < t.length()) {
                                r.values.put(f, sub(w, t.substring(k + 1)));
                            } else if (i + 1 < args.size()) {
                                r.values.put(f, args.get(++i));
                            }
                            break;
                        }
                        r.flags.add(f);
                    }
                }
                i++;
                continue;
            }
            if (assignments && r.positionals.isEmpty() && t.indexOf('=') > 0 && ASSIGNMENT.matcher(t).matches()) {
                int eq = t.indexOf('=');
                r.env.put(t.substring(0, eq), t.substring(eq + 1));
                i++;
                continue;
            }
            if (r.positionals.size() < leadingPositionals) {
                r.positionals.add(w);
                i++;
                continue;
            }
            break;
        }
        r.commandStart = i;
        return r;
    }

    /** Part of a word (an attached option value): same span, not verbatim. */
    static Word sub(Word w, String text) {
        return new Word(text, w.start(), w.end(), false, w.literal());
    }
}
