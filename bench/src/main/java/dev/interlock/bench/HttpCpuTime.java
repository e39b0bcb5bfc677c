package dev.interlock.bench;

import dev.interlock.action.Action;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time (not wall time) per decision for the actions of {@link HttpDecisionBenchmark}: a figure that stays
 * meaningful when the machine is shared and the JMH wall-clock percentiles are dominated by waiting for a core.
 * Run: {@code java -Dinterlock.packs.dir=policy-packs -cp bench/target/benchmarks.jar dev.interlock.bench.HttpCpuTime}
 */
public final class HttpCpuTime {
    private HttpCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        PolicyEngine engine = Policies.bundled();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<Action> all = new ArrayList<>(HttpDecisionBenchmark.GRAPHQL);
        all.addAll(HttpDecisionBenchmark.REST_AND_CLI);
        // control: the curl command's text run by a program no deriver reads (the shell analyser's share)
        String curl = ((dev.interlock.action.ShellCommand) HttpDecisionBenchmark.REST_AND_CLI.get(3)).script();
        all.add(new dev.interlock.action.ShellCommand("echo" + curl.substring(4), "/home/dev/project"));
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        for (int i = 0; i < rounds; i++) {
            engine.evaluate(all.get(i % all.size()));
        }
        for (Action a : all) {
            long[] samples = new long[rounds / all.size()];
            for (int i = 0; i < samples.length; i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                engine.evaluate(a);
                samples[i] = mx.getCurrentThreadCpuTime() - t0;
            }
            java.util.Arrays.sort(samples);
            String label = a.summary().length() > 70 ? a.summary().substring(0, 70) + "…" : a.summary();
            System.out.printf("cpu p50 %6.1f us  p99 %7.1f us  %s%n", samples[samples.length / 2] / 1000.0,
                    samples[(int) (samples.length * 0.99)] / 1000.0, label);
        }
    }
}
