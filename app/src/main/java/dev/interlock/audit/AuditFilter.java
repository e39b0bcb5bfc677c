package dev.interlock.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which audit rows to show. Parsed from the search syntax shared by {@code interlock audit} and the UI search
 * box: {@code key:value} tokens plus free text, e.g.
 * {@code agent:cursor verdict:deny since:2h kind:http severity:critical decided:timeout rm -rf}.
 *
 * <p>Keys: {@code agent session workspace (repo) kind verdict severity decided (decided_by) rule approval type
 * since until}. The same key twice means either value; different keys must all hold. {@code decided:human}
 * matches every {@code human:*}, {@code decided:grant} every {@code grant:*}; {@code workspace:} and
 * {@code rule:} match a prefix / substring. {@code since:}/{@code until:} take {@code 30s 15m 2h 7d 2w}
 * (that long ago), a date {@code 2026-11-24} or a local time {@code 2026-11-24T10:30}. Free text matches the
 * summary, the rules and the workspace (substring, case-insensitive); quote it to keep spaces and colons:
 * {@code "git push --force"}. Unknown keys are free text, so a URL stays searchable.
 *
 * @param types rows of these types; empty = every type except {@code result} (results are joined to their action)
 */
public record AuditFilter(Set<String> agents, Set<String> sessions, Set<String> workspaces, Set<String> kinds,
                          Set<String> verdicts, Set<String> severities, Set<String> decidedBy, Set<String> rules,
                          Set<String> approvals, Set<String> types, Instant since, Instant until,
                          List<String> text) {

    public static final AuditFilter ALL = new AuditFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
            Set.of(), Set.of(), Set.of(), Set.of(), null, null, List.of());

    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    private static final Pattern AGO = Pattern.compile("(\\d+)\\s*(s|m|min|h|d|w)");

    public AuditFilter {
        agents = Set.copyOf(agents);
        sessions = Set.copyOf(sessions);
        workspaces = Set.copyOf(workspaces);
        kinds = Set.copyOf(kinds);
        verdicts = Set.copyOf(verdicts);
        severities = Set.copyOf(severities);
        decidedBy = Set.copyOf(decidedBy);
        rules = Set.copyOf(rules);
        approvals = Set.copyOf(approvals);
        types = Set.copyOf(types);
        text = List.copyOf(text);
    }

    /** Parses the search syntax relative to now. */
    public static AuditFilter parse(String query) {
        return parse(query, Instant.now());
    }

    /**
     * Parses the search syntax.
     *
     * @throws IllegalArgumentException naming the token when a known key has a value that makes no sense
     */
    public static AuditFilter parse(String query, Instant now) {
        Builder b = new Builder();
        if (query == null) {
            return ALL;
        }
        Matcher m = TOKEN.matcher(query);
        while (m.find()) {
            if (m.group(1) != null) {
                if (!m.group(1).isEmpty()) {
                    b.text.add(m.group(1));
                }
                continue;
            }
            String tok = m.group(2);
            int colon = tok.indexOf(':');
            if (colon <= 0 || colon == tok.length() - 1) {
                b.text.add(tok);
                continue;
            }
            String key = tok.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = tok.substring(colon + 1);
            if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (!b.add(key, value, now)) {
                b.text.add(tok);
            }
        }
        return b.build();
    }

    public AuditFilter withSince(Instant s) {
        return new AuditFilter(agents, sessions, workspaces, kinds, verdicts, severities, decidedBy, rules, approvals,
                types, s, until, text);
    }

    public AuditFilter withAgent(String agent) {
        Set<String> a = new LinkedHashSet<>(agents);
        a.add(agent);
        return new AuditFilter(a, sessions, workspaces, kinds, verdicts, severities, decidedBy, rules, approvals, types,
                since, until, text);
    }

    public AuditFilter withVerdict(String verdict) {
        Set<String> v = new LinkedHashSet<>(verdicts);
        v.add(verdict.toLowerCase(Locale.ROOT));
        return new AuditFilter(agents, sessions, workspaces, kinds, v, severities, decidedBy, rules, approvals, types,
                since, until, text);
    }

    public AuditFilter withText(String t) {
        List<String> x = new ArrayList<>(text);
        x.add(t);
        return new AuditFilter(agents, sessions, workspaces, kinds, verdicts, severities, decidedBy, rules, approvals,
                types, since, until, x);
    }

    public AuditFilter withTypes(Set<String> t) {
        return new AuditFilter(agents, sessions, workspaces, kinds, verdicts, severities, decidedBy, rules, approvals,
                t, since, until, text);
    }

    /** {@code 2h} → two hours before now; a date or local date-time → that instant (system zone). */
    public static Instant parseTime(String value, Instant now) {
        Matcher ago = AGO.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration d = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return now.minus(d);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException ignored) {
            // try the local forms
        }
        try {
            return LocalDateTime.parse(value).atZone(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException ignored) {
            // try a plain date
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a time: use 30s, 15m, 2h, 7d, 2w, "
                    + "2026-11-24 or 2026-11-24T10:30");
        }
    }

    private static final class Builder {
        final Set<String> agents = new LinkedHashSet<>();
        final Set<String> sessions = new LinkedHashSet<>();
        final Set<String> workspaces = new LinkedHashSet<>();
        final Set<String> kinds = new LinkedHashSet<>();
        final Set<String> verdicts = new LinkedHashSet<>();
        final Set<String> severities = new LinkedHashSet<>();
        final Set<String> decided = new LinkedHashSet<>();
        final Set<String> rules = new LinkedHashSet<>();
        final Set<String> approvals = new LinkedHashSet<>();
        final Set<String> types = new LinkedHashSet<>();
        final List<String> text = new ArrayList<>();
        Instant since;
        Instant until;

        boolean add(String key, String value, Instant now) {
            String lower = value.toLowerCase(Locale.ROOT);
            switch (key) {
                case "agent" -> agents.add(value);
                case "session" -> sessions.add(value);
                case "workspace", "repo", "cwd" -> workspaces.add(value);
                case "kind" -> kinds.add(oneOf(key, lower, "shell", "file", "http", "mcp"));
                case "verdict", "decision" -> verdicts.add(oneOf(key, lower, "allow", "ask", "deny"));
                case "severity", "tier" -> severities.add(oneOf(key, lower, "low", "medium", "high", "critical"));
                case "decided", "decided_by", "by" -> decided.add(lower);
                case "rule" -> rules.add(value);
                case "approval" -> approvals.add(value);
                case "type" -> types.add(oneOf(key, lower, "action", "answer", "result", "checkpoint"));
                case "since", "after" -> since = parseTime(value, now);
                case "until", "before" -> until = parseTime(value, now);
                default -> {
                    return false;
                }
            }
            return true;
        }

        private static String oneOf(String key, String value, String... allowed) {
            for (String a : allowed) {
                if (a.equals(value)) {
                    return a;
                }
            }
            throw new IllegalArgumentException(key + ":" + value + " — " + key + " is one of "
                    + String.join(", ", allowed));
        }

        AuditFilter build() {
            return new AuditFilter(agents, sessions, workspaces, kinds, verdicts, severities, decided, rules,
                    approvals, types, since, until, text);
        }
    }
}
