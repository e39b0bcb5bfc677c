package dev.interlock.policy.sql;

import dev.interlock.policy.Subject;
import dev.interlock.policy.TextOrigin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One statement (SQL) or command (Mongo shell call, Redis command) and what it destroys.
 *
 * @param language   {@code sql}, {@code mongo} or {@code redis}
 * @param text       the statement as written (comments included)
 * @param kinds      what it destroys; empty for reads and bounded writes
 * @param verb       its leading keyword, upper case ({@code DROP}, {@code SELECT}, {@code \c}, {@code FLUSHALL}, …)
 * @param objectKind the kind of object it drops/truncates/alters ({@code table}, {@code database}, …), or null
 * @param objects    names of those objects as written (unquoted), possibly empty
 * @param origin     where {@code text} sits in the original action
 * @param via        how it was reached, e.g. {@code psql -c}, for {@code interlock explain}
 */
public record SqlSubject(String language, String text, Set<SqlKind> kinds, String verb, String objectKind,
                         List<String> objects, TextOrigin origin, String via) implements Subject {
    public static final String TYPE = "sql";

    public SqlSubject {
        kinds = kinds.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(SqlKind.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        objects = List.copyOf(objects);
        via = via == null ? "" : via;
    }

    public boolean is(SqlKind kind) {
        return kinds.contains(kind);
    }

    /** The first named object, or null: what a human types to approve a critical drop. */
    public String target() {
        return objects.isEmpty() ? null : objects.get(0);
    }

    public SqlSubject withVia(String newVia) {
        return new SqlSubject(language, text, kinds, verb, objectKind, objects, origin, newVia);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Indexed by kind, so a read-only statement meets no rule at all. */
    @Override
    public List<String> indexKeys() {
        List<String> keys = new ArrayList<>(kinds.size());
        for (SqlKind k : kinds) {
            keys.add(k.id());
        }
        return keys;
    }

    @Override
    public String describe() {
        String shown = text.strip().replaceAll("\\s+", " ");
        if (shown.length() > 120) {
            shown = shown.substring(0, 117) + "...";
        }
        StringBuilder sb = new StringBuilder();
        if (!via.isEmpty()) {
            sb.append(via).append(" → ");
        }
        sb.append(language).append(": ").append(shown);
        if (!kinds.isEmpty()) {
            sb.append(" [").append(String.join(", ", indexKeys()));
            if (objectKind != null) {
                sb.append(' ').append(objectKind);
            }
            if (!objects.isEmpty()) {
                sb.append(' ').append(String.join(", ", objects));
            }
            sb.append(']');
        }
        return sb.toString();
    }
}
