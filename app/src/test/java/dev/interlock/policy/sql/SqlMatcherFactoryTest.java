package dev.interlock.policy.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.policy.Hit;
import dev.interlock.policy.Matcher;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Policies;
import dev.interlock.policy.TextOrigin;
import dev.interlock.policy.YNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlMatcherFactoryTest {

    static Matcher compile(String yaml) throws PackException {
        return Policies.matchers().compile(YNode.parse(yaml, "t.yaml"));
    }

    static Optional<Hit> firstHit(Matcher m, String body, String language) {
        for (SqlSubject s : SqlSubjects.of(body, language, TextOrigin.whole("body", body))) {
            Optional<Hit> h = m.match(s);
            if (h.isPresent()) {
                return h;
            }
        }
        return Optional.empty();
    }

    @Test
    void aNestedSpecCompilesStandalone() throws PackException {
        Matcher m = compile("sql: {kinds: [drop, truncate], objects: [table], target: object}");
        assertEquals("sql", m.subjectType());
        assertEquals(Set.of("drop", "truncate"), m.indexKeys());
        Hit h = firstHit(m, "select 1; DROP TABLE IF EXISTS \"Orders\" CASCADE", "sql").orElseThrow();
        assertEquals("Orders", h.target());
        assertEquals("DROP TABLE IF EXISTS \"Orders\" CASCADE", h.span().text());
        assertEquals("body", h.span().field());
        assertEquals(10, h.span().start());
    }

    @Test
    void objectsNarrowTheMatch() throws PackException {
        Matcher tables = compile("sql: {kinds: [drop], objects: [table]}");
        assertTrue(firstHit(tables, "DROP TABLE t", "sql").isPresent());
        assertFalse(firstHit(tables, "DROP INDEX i", "sql").isPresent());
        // a DROP TABLE whose name the reader cannot see still matches
        assertTrue(firstHit(tables, "DROP TABLE", "sql").isPresent());
    }

    @Test
    void withoutTargetTheHitNamesNothing() throws PackException {
        Matcher m = compile("sql: {kinds: [truncate]}");
        assertEquals(null, firstHit(m, "TRUNCATE logs", "sql").orElseThrow().target());
        Matcher t = compile("sql: {kinds: [truncate], target: object}");
        assertEquals("logs", firstHit(t, "TRUNCATE logs", "sql").orElseThrow().target());
    }

    @Test
    void languagesSeparateSqlMongoAndRedis() throws PackException {
        Matcher sqlOnly = compile("sql: {kinds: [update-without-where], languages: [sql]}");
        assertTrue(firstHit(sqlOnly, "UPDATE t SET a = 1", "sql").isPresent());
        assertFalse(firstHit(sqlOnly, "db.t.updateMany({}, {$set: {a: 1}})", "mongo").isPresent());
        Matcher mongo = compile("sql: {kinds: [mongo-drop], target: object}");
        assertEquals("orders", firstHit(mongo, "db.orders.drop()", "mongo").orElseThrow().target());
        Matcher redis = compile("sql: {kinds: [redis-flushall]}");
        assertTrue(firstHit(redis, "SELECT 1\nFLUSHALL ASYNC", "redis").isPresent());
        assertFalse(firstHit(redis, "GET flushall", "redis").isPresent());
    }

    @Test
    void readOnlyStatementsMeetNoIndexKey() {
        for (String q : List.of("SELECT * FROM users", "SHOW TABLES", "EXPLAIN DELETE FROM t", "\\d users")) {
            List<SqlSubject> subs = SqlSubjects.of(q, "sql", TextOrigin.whole("body", q));
            assertFalse(subs.isEmpty(), q);
            subs.forEach(s -> assertTrue(s.indexKeys().isEmpty(), q));
        }
    }

    @Test
    void badSpecsFailWithTheirLine() {
        PackException kind = assertThrows(PackException.class, () -> compile("sql:\n  kinds: [drop, dorp]\n"));
        assertTrue(kind.getMessage().contains("unknown sql kind 'dorp'"), kind.getMessage());
        assertEquals(2, kind.line());
        PackException key = assertThrows(PackException.class, () -> compile("sql:\n  kinds: [drop]\n  object: [table]\n"));
        assertTrue(key.getMessage().contains("unknown key 'object'"), key.getMessage());
        assertEquals(3, key.line());
        PackException missing = assertThrows(PackException.class, () -> compile("sql: {objects: [table]}"));
        assertTrue(missing.getMessage().contains("missing required key 'kinds'"), missing.getMessage());
        PackException target = assertThrows(PackException.class, () -> compile("sql: {kinds: [drop], target: arg:1}"));
        assertTrue(target.getMessage().contains("sql target must be 'object'"), target.getMessage());
        PackException lang = assertThrows(PackException.class, () -> compile("sql: {kinds: [drop], languages: [cql]}"));
        assertTrue(lang.getMessage().contains("unknown language 'cql'"), lang.getMessage());
    }

    @Test
    void theApiRejectsAnUnknownLanguage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqlSubjects.of("x", "cql", TextOrigin.whole("body", "x")));
        assertTrue(e.getMessage().contains("'cql'"));
    }

    @Test
    void dialectNamesAreLoose() {
        assertEquals(SqlDialect.POSTGRES, SqlSubjects.dialect("Neon"));
        assertEquals(SqlDialect.SQLITE, SqlSubjects.dialect("d1"));
        assertEquals(SqlDialect.MYSQL, SqlSubjects.dialect("mariadb"));
        assertEquals(SqlDialect.GENERIC, SqlSubjects.dialect(null));
    }
}
