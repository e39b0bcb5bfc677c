package dev.interlock.policy.shell;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A command's arguments split into flags (with the values of flags known to take one) and positional words,
 * the way the program itself would read them. {@code --} ends the flags; {@code find}'s {@code -exec … ;} is
 * skipped as a whole (the command inside is a subject of its own).
 */
final class ArgView {
    /** A flag as written ({@code -rf}, {@code --force}, {@code --namespace=prod}) and its value, if any. */
    record Flag(String text, Word word, Word value) {
    }

    final List<Flag> flags = new ArrayList<>();
    final List<Word> positionals = new ArrayList<>();
    /** Flags known (table and pack) to take a value, for the positions seen so far. */
    final Set<String> valueFlags = new HashSet<>();

    static ArgView of(String program, List<Word> args, Set<String> extraValueFlags) {
        ArgView v = new ArgView();
        String key = program;
        Set<String> valueFlags = v.valueFlags;
        valueFlags.addAll(ProgramFlags.valueFlags(program));
        valueFlags.addAll(extraValueFlags);
        boolean keyGrowing = ProgramFlags.known(program);
        boolean find = program.equals("find");
        boolean flagsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            Word w = args.get(i);
            String t = w.text();
            if (find && !flagsEnded && isFindExec(t)) {
                v.flags.add(new Flag(t, w, null));
                while (i + 1 < args.size() && !isExecEnd(args.get(i + 1).text())) {
                    i++;
                }
                i++;
                continue;
            }
            if (!flagsEnded && t.equals("--")) {
                flagsEnded = true;
                continue;
            }
            if (!flagsEnded && t.length() > 1 && t.startsWith("-")) {
                Word value = null;
                int eq = t.indexOf('=');
                if (eq > 0) {
                    value = OptionScan.sub(w, t.substring(eq + 1));
                } else if (valueFlags.contains(t) || shortValueAtEnd(t, valueFlags)) {
                    if (i + 1 < args.size() && takesNext(args.get(i + 1).text())) {
                        value = args.get(++i);
                    }
                } else if (!t.startsWith("--")) {
                    value = attachedShortValue(w, valueFlags);
                }
                v.flags.add(new Flag(t, w, value));
                continue;
            }
            v.positionals.add(w);
            if (keyGrowing) {
                String longer = key + " " + t;
                if (ProgramFlags.known(longer)) {
                    key = longer;
                    valueFlags.addAll(ProgramFlags.valueFlags(key));
                } else {
                    keyGrowing = false;
                }
            }
        }
        return v;
    }

    private static boolean isFindExec(String t) {
        return t.equals("-exec") || t.equals("-execdir") || t.equals("-ok") || t.equals("-okdir");
    }

    static boolean isExecEnd(String t) {
        return t.equals(";") || t.equals("+") || t.equals("\\;");
    }

    private static boolean takesNext(String next) {
        return !next.equals("--") && !(next.length() > 1 && next.startsWith("-") && !(next.length() > 1 && Character.isDigit(next.charAt(1))));
    }

    /** {@code -xvf} where the last char is a value flag ({@code tar -xvf file}). */
    private static boolean shortValueAtEnd(String t, Set<String> valueFlags) {
        if (t.startsWith("--") || t.length() < 2) {
            return false;
        }
        for (int k = 1; k < t.length(); k++) {
            if (valueFlags.contains("-" + t.charAt(k))) {
                return k == t.length() - 1;
            }
        }
        return false;
    }

    /** {@code -nprod}: a short value flag with its value attached. */
    private static Word attachedShortValue(Word w, Set<String> valueFlags) {
        String t = w.text();
        for (int k = 1; k < t.length() - 1; k++) {
            if (valueFlags.contains("-" + t.charAt(k))) {
                return OptionScan.sub(w, t.substring(k + 1));
            }
        }
        return null;
    }

    /**
     * True when {@code name} was given: exactly, as {@code --name=value}, or (for a one-letter flag) inside a
     * bundle of short flags such as {@code -rf}, up to the first flag that takes a value.
     */
    boolean has(String name) {
        return find(name) != null;
    }

    Flag find(String name) {
        boolean shortFlag = name.length() == 2 && name.charAt(0) == '-' && name.charAt(1) != '-';
        for (Flag f : flags) {
            String t = f.text();
            if (t.equals(name) || t.startsWith(name + "=")) {
                return f;
            }
            if (shortFlag && !t.startsWith("--") && !valueFlags.contains(t)) {
                for (int k = 1; k < t.length(); k++) {
                    char c = t.charAt(k);
                    if (c == '=') {
                        break;
                    }
                    if (c == name.charAt(1)) {
                        return f;
                    }
                    if (valueFlags.contains("-" + c)) {
                        break;
                    }
                }
            }
        }
        return null;
    }
}
