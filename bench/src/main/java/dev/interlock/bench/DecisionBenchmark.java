package dev.interlock.bench;

import dev.interlock.action.Action;
import dev.interlock.action.HttpCall;
import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Decision;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import java.util.List;
import java.util.Map;
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
 * A full decision (parse + match) with every bundled pack loaded, over a realistic mix of commands and HTTP
 * calls an agent sends. SampleTime mode gives the percentiles (p50, p99) the targets are stated in.
 * Run: {@code mvn -q -B -Pbench -DskipTests package && java -Dinterlock.packs.dir=policy-packs -jar bench/target/benchmarks.jar}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms1g", "-Xmx1g"})
public class DecisionBenchmark {
    static final List<Action> MIX = List.of(
            new ShellCommand("ls -la", "/home/dev/project"),
            new ShellCommand("git status && git diff --stat", "/home/dev/project"),
            new ShellCommand("npm test -- --watch=false", "/home/dev/project"),
            new ShellCommand("rm -rf node_modules && npm ci", "/home/dev/project"),
            new ShellCommand("git push --force origin main", "/home/dev/project"),
            new ShellCommand("sudo rm -rf /var/lib/postgresql", "/home/dev/project"),
            new ShellCommand("kubectl --context prod -n payments delete deployment api", "/home/dev/project"),
            new ShellCommand("terraform plan -out plan.tfplan && terraform show plan.tfplan", "/home/dev/project"),
            new ShellCommand("psql \"$DATABASE_URL\" -c 'DROP TABLE bookings;'", "/home/dev/project"),
            new ShellCommand("cat src/main.ts | grep -n TODO | head -20", "/home/dev/project"),
            new ShellCommand("find . -name '*.log' -mtime +7 -delete", "/home/dev/project"),
            new ShellCommand("bash -c 'cd /tmp && rm -rf build' ; docker compose down -v", "/home/dev/project"),
            new ShellCommand("curl -s -X POST https://backboard.railway.app/graphql/v2 -H 'Authorization: Bearer x' "
                    + "-H 'Content-Type: application/json' -d '{\"query\":\"mutation { volumeDelete(volumeId: \\\"3f6c\\\") }\"}'",
                    "/home/dev/project"),
            new HttpCall("POST", "https://backboard.railway.app/graphql/v2",
                    Map.of("Content-Type", List.of("application/json"), "Authorization", List.of("Bearer x")),
                    "{\"query\":\"mutation Cleanup { staging: volumeDelete(volumeId: \\\"3f6c\\\") }\"}"),
            new HttpCall("POST", "https://backboard.railway.app/graphql/v2",
                    Map.of("Content-Type", List.of("application/json")),
                    "{\"query\":\"query { me { projects { edges { node { id name } } } } }\"}"),
            new HttpCall("GET", "https://api.github.com/repos/acme/shop/pulls?state=open", Map.of(), ""),
            new HttpCall("DELETE", "https://api.github.com/repos/acme/shop", Map.of(), ""));

    PolicyEngine engine;
    int next;

    @Setup(Level.Trial)
    public void load() throws Exception {
        engine = Policies.bundled();
    }

    @Benchmark
    public Decision decideMix() {
        Action a = MIX.get(next);
        next = next + 1 == MIX.size() ? 0 : next + 1;
        return engine.evaluate(a);
    }
}
