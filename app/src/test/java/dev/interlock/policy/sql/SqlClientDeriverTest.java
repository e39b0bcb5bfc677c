package dev.interlock.policy.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.policy.shell.CommandSubject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlClientDeriverTest {

    static Set<String> kinds(CommandSubject c) {
        return Commands.derive(c).stream().flatMap(s -> s.kinds().stream()).map(SqlKind::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> set(String... ids) {
        return new TreeSet<>(List.of(ids));
    }

    static List<Arguments> lines() {
        return List.of(
                Arguments.of("psql -c 'DROP TABLE users'", set("drop")),
                Arguments.of("psql postgres://u@h/db --command='TRUNCATE logs'", set("truncate")),
                Arguments.of("psql -X -q -c 'select 1' -c 'DELETE FROM users'", set("delete-without-where")),
                Arguments.of("psql -Xc 'DROP DATABASE prod'", set("drop", "drop-database")),
                Arguments.of("psql -c 'select 1'", set()),
                Arguments.of("psql -d DROP -c 'select 1'", set()),
                Arguments.of("psql -f drop.sql", set()),
                Arguments.of("mysql -u root -e 'DROP DATABASE shop'", set("drop", "drop-database")),
                Arguments.of("mysql -uroot -psecret --execute='UPDATE users SET admin=1'", set("update-without-where")),
                Arguments.of("mysql -e 'SHOW TABLES'", set()),
                Arguments.of("mariadb -e 'TRUNCATE TABLE sessions'", set("truncate")),
                Arguments.of("mysql -sNe 'DROP TABLE t'", set("drop")),
                Arguments.of("mycli -e 'DROP TABLE t'", set("drop")),
                Arguments.of("litecli app.db -e 'DELETE FROM t'", set("delete-without-where")),
                Arguments.of("sqlite3 app.db 'DELETE FROM users'", set("delete-without-where")),
                Arguments.of("sqlite3 -batch app.db '.tables' 'DROP TABLE users'", set("drop")),
                Arguments.of("sqlite3 -cmd 'DROP TABLE users' app.db", set("drop")),
                Arguments.of("sqlite3 app.db 'SELECT * FROM users'", set()),
                Arguments.of("sqlite3 drop.db", set()),
                Arguments.of("sqlcmd -S db -Q 'DROP TABLE dbo.users'", set("drop")),
                Arguments.of("sqlcmd -S db -Q 'SELECT 1'", set()),
                Arguments.of("clickhouse-client --query 'DROP TABLE events'", set("drop")),
                Arguments.of("clickhouse client -q 'ALTER TABLE events DELETE WHERE 1'", set("delete-without-where")),
                Arguments.of("clickhouse-client -q 'SELECT count() FROM events'", set()),
                Arguments.of("duckdb -c 'DROP TABLE t'", set("drop")),
                Arguments.of("duckdb local.duckdb 'DELETE FROM t'", set("delete-without-where")),
                Arguments.of("cockroach sql --insecure -e 'DROP DATABASE bank CASCADE'", set("drop", "drop-database")),
                Arguments.of("cockroach sql --execute='SHOW DATABASES'", set()),
                Arguments.of("snow sql -q 'TRUNCATE TABLE raw.events'", set("truncate")),
                Arguments.of("snow sql -q 'SELECT 1'", set()),
                Arguments.of("bq query --use_legacy_sql=false 'DELETE FROM ds.t WHERE true'", set("delete-without-where")),
                Arguments.of("bq --project_id p query --nouse_legacy_sql 'DROP TABLE ds.t'", set("drop")),
                Arguments.of("bq query --dry_run 'DELETE FROM ds.t WHERE true'", set()),
                Arguments.of("bq ls", set()),
                Arguments.of("usql pg://localhost/db -c 'DROP TABLE t'", set("drop")),
                Arguments.of("turso db shell mydb 'DROP TABLE users'", set("drop")),
                Arguments.of("wrangler d1 execute prod-db --remote --command='DELETE FROM users'", set("delete-without-where")),
                Arguments.of("wrangler d1 execute prod-db --command='SELECT 1'", set()),
                Arguments.of("aws --profile prod rds-data execute-statement --resource-arn arn:r --secret-arn arn:s --sql 'DROP TABLE users'", set("drop")),
                Arguments.of("aws redshift-data execute-statement --cluster-identifier c --sql 'TRUNCATE events'", set("truncate")),
                Arguments.of("aws rds-data execute-statement --resource-arn arn:r --sql 'SELECT 1'", set()),
                Arguments.of("aws s3 ls --sql 'DROP TABLE x'", set()),
                Arguments.of("az postgres flexible-server execute -n srv -u admin --querytext 'DELETE FROM users'", set("delete-without-where")),
                Arguments.of("az mysql flexible-server execute -n srv -u admin -q 'DROP DATABASE shop'", set("drop", "drop-database")),
                Arguments.of("az postgres flexible-server list --query '[].name'", set()),
                Arguments.of("gcloud spanner databases execute-sql db --instance=i --sql='DELETE FROM Singers WHERE true'", set("delete-without-where")),
                Arguments.of("heroku pg:psql -a shop -c 'DROP TABLE users'", set("drop")),
                Arguments.of("heroku pg:info -a shop", set()),
                Arguments.of("mongosh mydb --eval 'db.dropDatabase()'", set("mongo-drop-database")),
                Arguments.of("mongosh --quiet --eval 'db.users.drop()'", set("mongo-drop")),
                Arguments.of("mongo --eval 'db.users.deleteMany({})'", set("mongo-delete-all")),
                Arguments.of("mongosh --eval 'db.users.find({})'", set()),
                Arguments.of("mongosh --eval 'db.users.deleteMany({_id: {$exists: true}})'", set("mongo-delete-all")),
                Arguments.of("mongosh --eval 'db.users.deleteMany({\"_id\": {\"$ne\": null}})'", set("mongo-delete-all")),
                Arguments.of("mongosh --eval 'db.users.deleteMany({\"_id\": {\"$eq\": 1}})'", set()),
                Arguments.of("mongosh --eval 'print(\"db.users.deleteMany({})\")'", set()),
                Arguments.of("mongosh --eval 'db.users.deleteMany({age: {$lt: 18}})'", set()),
                Arguments.of("redis-cli FLUSHALL", set("redis-flushall")),
                Arguments.of("redis-cli -h cache.internal -n 0 flushdb", set("redis-flushdb")),
                Arguments.of("redis-cli -a pw flushall async", set("redis-flushall")),
                Arguments.of("redis-cli get flushall", set()),
                Arguments.of("redis-cli -n flushdb get x", set()),
                Arguments.of("redis-cli --scan --pattern 'user:*'", set()),
                Arguments.of("redis-cli EVAL \"for _,k in ipairs(redis.call('keys','user:*')) do redis.call('del',k) end\" 0",
                        set("redis-del-pattern")),
                Arguments.of("redis-cli EVAL \"return redis.call('get','k')\" 0", set()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void findsWhatTheClientRuns(String line, Set<String> expected) {
        assertEquals(expected, kinds(Commands.of(line)));
    }

    @Test
    void heredocsAndHereStringsAreRead() {
        assertEquals(set("drop"), kinds(Commands.of("psql -h db", "SELECT 1;\nDROP TABLE users;", false, List.of())));
        assertEquals(set(), kinds(Commands.of("psql -h db", "SELECT 1;\n\\d users", false, List.of())));
        assertEquals(set("truncate"), kinds(Commands.of("mysql shop", "TRUNCATE orders;", false, List.of())));
        assertEquals(set("mongo-drop-database"), kinds(Commands.of("mongosh prod", "use prod\ndb.dropDatabase()", false, List.of())));
        assertEquals(set("redis-flushall"), kinds(Commands.of("redis-cli", "SET a 1\nFLUSHALL", false, List.of())));
        assertEquals(set("drop"), kinds(Commands.of("sqlite3 app.db", ".mode csv\nDROP TABLE t;", false, List.of())));
        assertEquals(set("drop"), kinds(Commands.of("prisma db execute --stdin --url x", "DROP TABLE t;", false, List.of())));
        assertEquals(set(), kinds(Commands.of("prisma db push", "DROP TABLE t;", false, List.of())));
        assertEquals(set("truncate"), kinds(Commands.of("rails dbconsole -p", "TRUNCATE t;", false, List.of())));
    }

    @Test
    void sqlFromAnUnresolvedExpansionIsMarked() {
        CommandSubject dynamic = new CommandSubject("psql", new dev.interlock.policy.shell.Word("psql", 0, 4, true, true),
                List.of(new dev.interlock.policy.shell.Word("-c", 5, 7, true, true),
                        new dev.interlock.policy.shell.Word("$SQL", 8, 14, false, false)),
                java.util.Map.of(), null, false, "/tmp", List.of(), "psql -c \"$SQL\"");
        assertEquals(set("unresolved"), kinds(dynamic));
        CommandSubject partly = new CommandSubject("psql", new dev.interlock.policy.shell.Word("psql", 0, 4, true, true),
                List.of(new dev.interlock.policy.shell.Word("-c", 5, 7, true, true),
                        new dev.interlock.policy.shell.Word("SELECT * FROM t WHERE id = $ID", 8, 40, false, false)),
                java.util.Map.of(), null, false, "/tmp", List.of(), "psql -c \"SELECT * FROM t WHERE id = $ID\"");
        assertEquals(set(), kinds(partly));
        // a literal word that happens to start with $ is just text
        assertEquals(set(), kinds(Commands.of("psql -c '$1'")));
    }

    @Test
    void keysPipedIntoDelAreADeleteByPattern() {
        CommandSubject viaXargs = Commands.of("redis-cli del", null, true, List.of("xargs"));
        assertEquals(set("redis-del-pattern"), kinds(viaXargs));
        CommandSubject unlink = Commands.of("redis-cli -n 2 UNLINK", null, true, List.of("xargs -L 100"));
        assertEquals(set("redis-del-pattern"), kinds(unlink));
        assertEquals(set(), kinds(Commands.of("redis-cli del session:42")));
    }

    @Test
    void spansPointIntoTheShellCommand() {
        CommandSubject c = Commands.of("psql --command=DROP\\ TABLE\\ x");
        // a verbatim word: the statement's span is exactly the SQL inside the option
        CommandSubject plain = Commands.of("psql --command=TRUNCATE");
        SqlSubject s = Commands.derive(plain).get(0);
        assertEquals("TRUNCATE", s.origin().all().text());
        assertEquals("command", s.origin().all().field());
        assertEquals(15, s.origin().all().start());
        // a word quoted as a whole: the span is the statement inside the quotes
        SqlSubject q = Commands.derive(Commands.of("psql -c 'select 1; DROP TABLE x'")).get(1);
        assertEquals("DROP TABLE x", q.origin().all().text());
        SqlSubject eq = Commands.derive(Commands.of("mysql --execute=\"TRUNCATE t\"")).get(0);
        assertEquals("TRUNCATE t", eq.origin().all().text());
        // quoted in parts: the span is the whole word
        SqlSubject parts = Commands.derive(Commands.of("psql -c 'DROP TABLE '\"x\"")).get(0);
        assertEquals("'DROP TABLE '\"x\"", parts.origin().all().text());
        assertTrue(q.describe().startsWith("psql → sql: DROP TABLE x"), q.describe());
        assertTrue(Commands.derive(c).size() >= 1);
    }

    @Test
    void theHeredocSpanIsTheStatementItself() {
        CommandSubject c = Commands.of("psql", "SELECT 1;\nDROP TABLE users;", false, List.of("sudo"));
        SqlSubject drop = Commands.derive(c).get(1);
        assertEquals("DROP TABLE users", drop.origin().all().text());
        assertEquals("sudo → psql <<", drop.via());
    }
}
