package dev.interlock.bench;

import dev.interlock.action.Action;
import dev.interlock.action.McpCall;
import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Decision;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.TextOrigin;
import dev.interlock.policy.sql.SqlSubject;
import dev.interlock.policy.sql.SqlSubjects;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Database commands only: a full decision (shell parse, client deriver, SQL/Mongo/Redis classification, match)
 * with every bundled pack loaded, and the SQL classifier alone on a multi-statement script.
 * Run: {@code java -Dinterlock.packs.dir=policy-packs -jar bench/target/benchmarks.jar SqlBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SqlBenchmark {
    static final String CWD = "/home/dev/project";
    static final List<Action> MIX = List.of(
            new ShellCommand("psql \"$DATABASE_URL\" -c 'SELECT id, email FROM users WHERE created_at > now() - interval ''1 day'''", CWD),
            new ShellCommand("psql -h db -U app shop <<'SQL'\nBEGIN;\nUPDATE orders SET state = 'paid' WHERE id = 42;\n"
                    + "DELETE FROM carts WHERE user_id = 7;\nCOMMIT;\nSQL", CWD),
            new ShellCommand("mysql -u root -e 'DELETE FROM sessions WHERE 1=1'", CWD),
            new ShellCommand("sqlite3 app.db 'DROP TABLE IF EXISTS tmp_import; VACUUM;'", CWD),
            new ShellCommand("psql -c 'WITH gone AS (DELETE FROM jobs WHERE done RETURNING id) SELECT count(*) FROM gone'", CWD),
            new ShellCommand("mongosh \"$MONGO_URL\" --quiet --eval 'db.events.deleteMany({ts: {$lt: new Date(0)}})'", CWD),
            new ShellCommand("redis-cli --scan --pattern 'sess:*' | xargs redis-cli del", CWD),
            new ShellCommand("redis-cli -h cache get user:42", CWD),
            new McpCall("supabase", "execute_sql", "{\"query\": \"ALTER TABLE users DROP COLUMN legacy_id\"}"));

    static final String SCRIPT = "-- nightly cleanup\nBEGIN;\nDELETE FROM sessions WHERE expires_at < now();\n"
            + "UPDATE users SET last_seen = now() WHERE id IN (SELECT user_id FROM sessions);\n"
            + "SELECT 'DROP TABLE users' AS not_a_statement;\nDO $$ BEGIN PERFORM pg_sleep(0); END $$;\nCOMMIT;\n";

    PolicyEngine engine;
    int next;

    @Setup(Level.Trial)
    public void load() throws Exception {
        engine = Policies.bundled();
    }

    @Benchmark
    public Decision decideDatabaseCommand() {
        Action a = MIX.get(next);
        next = next + 1 == MIX.size() ? 0 : next + 1;
        return engine.evaluate(a);
    }

    @Benchmark
    public List<SqlSubject> classifyScript() {
        return SqlSubjects.of(SCRIPT, "sql", TextOrigin.whole("body", SCRIPT));
    }
}
