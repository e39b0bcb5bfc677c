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
 * HTTP and GraphQL decisions with every bundled pack loaded: what the proxy and the curl/gh/railway derivers cost.
 * Run: {@code mvn -q -B -Pbench -DskipTests package && java -Dinterlock.packs.dir=policy-packs -jar bench/target/benchmarks.jar HttpDecisionBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 3)
@Fork(1)
public class HttpDecisionBenchmark {
    private static final String APP = "https://backboard.railway.app/graphql/v2";
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"),
            "Authorization", List.of("Bearer x"));

    static final List<Action> GRAPHQL = List.of(
            new HttpCall("POST", APP, JSON, "{\"query\":\"mutation { volumeDelete(volumeId: \\\"3f6c\\\") }\"}"),
            new HttpCall("POST", APP, JSON, "{\"query\":\"mutation($id: String!) { x: volumeDelete(volumeId: $id) }\","
                    + "\"variables\":{\"id\":\"3f6c\"}}"),
            new HttpCall("POST", APP, JSON, "[{\"query\":\"query { me { id } }\"},"
                    + "{\"query\":\"mutation { ...F } fragment F on Mutation { volumeDelete(volumeId: \\\"v\\\") }\"}]"),
            new HttpCall("POST", APP, JSON, "{\"query\":\"query { me { projects { edges { node { id name services "
                    + "{ edges { node { id name } } } } } } } }\"}"));

    static final List<Action> REST_AND_CLI = List.of(
            new HttpCall("GET", "https://api.github.com/repos/acme/shop/pulls?state=open", Map.of(), ""),
            new HttpCall("DELETE", "https://api.github.com/repos/acme/shop", Map.of(), ""),
            new HttpCall("PATCH", "https://api.github.com/repos/acme/shop/git/refs/heads/main", JSON,
                    "{\"sha\":\"abc\",\"force\":true}"),
            new ShellCommand("curl -sS -X POST " + APP + " -H 'Content-Type: application/json' "
                    + "-d '{\"query\":\"mutation { volumeDelete(volumeId: \\\"3f6c\\\") }\"}'", "/home/dev/project"),
            new ShellCommand("gh api -X PATCH repos/acme/shop/git/refs/heads/main -f sha=abc -F force=true",
                    "/home/dev/project"),
            new ShellCommand("railway api 'mutation($id: String!) { volumeDelete(volumeId: $id) }' --var id=3f6c",
                    "/home/dev/project"));

    PolicyEngine engine;
    int g;
    int r;

    @Setup(Level.Trial)
    public void load() throws Exception {
        engine = Policies.bundled();
    }

    @Benchmark
    public Decision graphqlCalls() {
        Action a = GRAPHQL.get(g);
        g = g + 1 == GRAPHQL.size() ? 0 : g + 1;
        return engine.evaluate(a);
    }

    @Benchmark
    public Decision restCallsAndApiClis() {
        Action a = REST_AND_CLI.get(r);
        r = r + 1 == REST_AND_CLI.size() ? 0 : r + 1;
        return engine.evaluate(a);
    }
}
