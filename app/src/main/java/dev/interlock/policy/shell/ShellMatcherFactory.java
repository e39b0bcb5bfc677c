package dev.interlock.policy.shell;

import dev.interlock.policy.Hit;
import dev.interlock.policy.Matcher;
import dev.interlock.policy.MatcherFactories;
import dev.interlock.policy.MatcherFactory;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Subject;
import dev.interlock.policy.YNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code shell:} matcher on simple commands (after unwrapping). The specification, with every key, is in
 * {@code policy-packs/README.md}; all given conditions must hold.
 */
public final class ShellMatcherFactory implements MatcherFactory {
    static final Set<String> KEYS = Set.of("command", "subcommand", "value_flags", "flags_all", "flags_any",
            "flags_none", "flag_values", "args_any", "args_all", "args_none", "paths_any", "paths_all", "stdin", "text", "target");

    @Override
    public String key() {
        return "shell";
    }

    @Override
    public Matcher create(YNode spec, MatcherFactories all) throws PackException {
        spec.allowOnly(KEYS);
        List<String> commands = spec.require("command").strings();
        if (commands.isEmpty()) {
            throw spec.require("command").error("'command' needs at least one program name");
        }
        for (String c : commands) {
            if (c.isBlank() || c.contains(" ")) {
                throw spec.require("command").error("'" + c + "' is not a program name (one word, e.g. rm)");
            }
        }
        List<Set<String>> subcommand = new ArrayList<>();
        for (String s : spec.strings("subcommand")) {
            subcommand.add(new LinkedHashSet<>(List.of(s.split("\\|"))));
        }
        Set<String> valueFlags = new HashSet<>(flags(spec, "value_flags"));
        Map<List<String>, Pattern> flagValues = new LinkedHashMap<>();
        if (spec.get("flag_values").isPresent()) {
            for (Map.Entry<String, YNode> e : spec.require("flag_values").entries().entrySet()) {
                List<String> aliases = List.of(e.getKey().split("\\|", -1));
                for (String a : aliases) {
                    if (a.length() < 2 || !a.startsWith("-")) {
                        throw e.getValue().error("'" + a + "' in 'flag_values' is not a flag (flags start with -;"
                                + " aliases are written --name|-n)");
                    }
                }
                flagValues.put(aliases, compile(e.getValue()));
                valueFlags.addAll(aliases); // a flag whose value is tested takes a value
            }
        }
        String target = target(spec);
        List<String> targetFlags = target != null && target.startsWith("flag:")
                ? List.of(target.substring(5).split("\\|")) : List.of();
        valueFlags.addAll(targetFlags); // a flag named as target takes a value
        return new ShellMatcher(Set.copyOf(commands), subcommand, Set.copyOf(valueFlags), flags(spec, "flags_all"),
                flags(spec, "flags_any"), flags(spec, "flags_none"), flagValues, regexes(spec, "args_any"),
                regexes(spec, "args_all"), regexes(spec, "args_none"), classes(spec, "paths_any"),
                classes(spec, "paths_all"), regex(spec, "stdin"), regex(spec, "text"), target, targetFlags);
    }

    private static List<String> flags(YNode spec, String key) throws PackException {
        List<String> out = spec.strings(key);
        for (String f : out) {
            if (f.length() < 2 || !(f.startsWith("-") || f.startsWith("+"))) {
                throw spec.require(key).error("'" + f + "' in '" + key + "' is not a flag (flags start with -)");
            }
        }
        return out;
    }

    private static List<Pattern> regexes(YNode spec, String key) throws PackException {
        List<Pattern> out = new ArrayList<>();
        if (spec.get(key).isEmpty()) {
            return out;
        }
        for (YNode n : spec.require(key).items()) {
            out.add(compile(n));
        }
        return out;
    }

    private static Pattern regex(YNode spec, String key) throws PackException {
        return spec.get(key).isPresent() ? compile(spec.require(key)) : null;
    }

    private static Pattern compile(YNode n) throws PackException {
        try {
            return Pattern.compile(n.string());
        } catch (PatternSyntaxException e) {
            throw n.error("bad regex '" + n.string() + "': " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private static Set<PathClass> classes(YNode spec, String key) throws PackException {
        Set<PathClass> out = EnumSet.noneOf(PathClass.class);
        if (spec.get(key).isEmpty()) {
            return out;
        }
        for (YNode n : spec.require(key).items()) {
            PathClass c = PathClass.parse(n.string());
            if (c == null) {
                List<String> names = new ArrayList<>();
                for (PathClass p : PathClass.values()) {
                    names.add(p.word());
                }
                throw n.error("unknown path class '" + n.string() + "' (expected one of: " + String.join(", ", names)
                        + ")");
            }
            out.add(c);
        }
        return out;
    }

    private static String target(YNode spec) throws PackException {
        Optional<YNode> t = spec.get("target");
        if (t.isEmpty()) {
            return null;
        }
        String v = t.get().string();
        if (!v.matches("arg:[1-9][0-9]*|flag:[-+][^|]+(\\|[-+][^|]+)*|last")) {
            throw t.get().error("target must be arg:N (N from 1), flag:--name (aliases: flag:--name|-n) or last, not '"
                    + v + "'");
        }
        return v;
    }

    private record ShellMatcher(Set<String> commands, List<Set<String>> subcommand, Set<String> valueFlags,
                                List<String> flagsAll, List<String> flagsAny, List<String> flagsNone,
                                Map<List<String>, Pattern> flagValues,
                                List<Pattern> argsAny, List<Pattern> argsAll, List<Pattern> argsNone,
                                Set<PathClass> pathsAny, Set<PathClass> pathsAll, Pattern stdin, Pattern text,
                                String target, List<String> targetFlags) implements Matcher {
        @Override
        public String subjectType() {
            return CommandSubject.TYPE;
        }

        /**
         * A flag that any shell matcher of the rule names as the target of the same program takes a value here
         * too, so that {@code frob --name keep db delete} has the positionals {@code db delete} for every
         * matcher of the rule, {@code unless} ones included.
         */
        @Override
        public Matcher inRule(List<Matcher> rule) {
            Set<String> more = new HashSet<>();
            for (Matcher m : rule) {
                if (m instanceof ShellMatcher s && s != this && !java.util.Collections.disjoint(s.commands, commands)) {
                    for (String f : s.targetFlags) {
                        if (!valueFlags.contains(f)) {
                            more.add(f);
                        }
                    }
                }
            }
            if (more.isEmpty()) {
                return this;
            }
            more.addAll(valueFlags);
            return new ShellMatcher(commands, subcommand, Set.copyOf(more), flagsAll, flagsAny, flagsNone, flagValues,
                    argsAny, argsAll, argsNone, pathsAny, pathsAll, stdin, text, target, targetFlags);
        }

        @Override
        public Set<String> indexKeys() {
            return commands;
        }

        @Override
        public Optional<Hit> match(Subject subject) {
            CommandSubject c = (CommandSubject) subject;
            if (!commands.contains(c.program())) {
                return Optional.empty();
            }
            ArgView v = ArgView.of(c.program(), c.args(), valueFlags);
            if (v.positionals.size() < subcommand.size()) {
                return Optional.empty();
            }
            for (int i = 0; i < subcommand.size(); i++) {
                Set<String> alts = subcommand.get(i);
                if (!alts.contains("*") && !alts.contains(v.positionals.get(i).text())) {
                    return Optional.empty();
                }
            }
            List<Word> rest = v.positionals.subList(subcommand.size(), v.positionals.size());
            for (String f : flagsAll) {
                if (!v.has(f)) {
                    return Optional.empty();
                }
            }
            if (!flagsAny.isEmpty() && flagsAny.stream().noneMatch(v::has)) {
                return Optional.empty();
            }
            if (flagsNone.stream().anyMatch(v::has)) {
                return Optional.empty();
            }
            for (Map.Entry<List<String>, Pattern> e : flagValues.entrySet()) {
                if (!valueMatches(v, e.getKey(), e.getValue())) {
                    return Optional.empty();
                }
            }
            if (!argsAny.isEmpty() && rest.stream().noneMatch(w -> matchesAny(argsAny, w.text()))) {
                return Optional.empty();
            }
            if (!argsAll.isEmpty() && (rest.isEmpty() || !rest.stream().allMatch(w -> matchesAny(argsAll, w.text())))) {
                return Optional.empty();
            }
            if (rest.stream().anyMatch(w -> matchesAny(argsNone, w.text()))) {
                return Optional.empty();
            }
            if (!pathsAny.isEmpty() && rest.stream().noneMatch(w -> intersects(PathClass.of(w, c.cwd()), pathsAny))) {
                return Optional.empty();
            }
            if (!pathsAll.isEmpty() && (rest.isEmpty()
                    || !rest.stream().allMatch(w -> intersects(PathClass.of(w, c.cwd()), pathsAll)))) {
                return Optional.empty();
            }
            if (stdin != null && (c.stdin() == null || !stdin.matcher(c.stdin().text()).find())) {
                return Optional.empty();
            }
            if (text != null && !text.matcher(written(c)).find()) {
                return Optional.empty();
            }
            return Optional.of(new Hit(c.span(), target(v, rest)));
        }

        private String target(ArgView v, List<Word> rest) {
            if (target == null) {
                return null;
            }
            if (target.equals("last")) {
                return rest.isEmpty() ? null : rest.get(rest.size() - 1).text();
            }
            if (target.startsWith("arg:")) {
                int n = Integer.parseInt(target.substring(4));
                return n <= rest.size() ? rest.get(n - 1).text() : null;
            }
            for (String name : targetFlags) {
                ArgView.Flag f = v.find(name);
                if (f != null && f.value() != null) {
                    return f.value().text();
                }
            }
            return null;
        }

        /** One of the aliases is given with a value that matches. */
        private static boolean valueMatches(ArgView v, List<String> aliases, Pattern p) {
            for (String name : aliases) {
                ArgView.Flag f = v.find(name);
                if (f != null && f.value() != null && p.matcher(f.value().text()).find()) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matchesAny(List<Pattern> ps, String s) {
            for (Pattern p : ps) {
                if (p.matcher(s).find()) {
                    return true;
                }
            }
            return false;
        }

        private static boolean intersects(Set<PathClass> a, Set<PathClass> b) {
            for (PathClass x : a) {
                if (b.contains(x)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The command's words joined by single spaces, program name normalised: what {@code text:} reads. */
    static String written(CommandSubject c) {
        StringBuilder b = new StringBuilder(c.program());
        for (Word w : c.args()) {
            b.append(' ').append(w.text());
        }
        return b.toString();
    }
}
