import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Decision;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.RuleMatch;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/** Time (wall and CPU of the deciding thread) to decide hostile shell input with every bundled pack loaded. */
public class PathologicalShell {
    public static void main(String[] args) throws Exception {
        PolicyEngine engine = Policies.bundled();
        String nested = "ls";
        for (int i = 0; i < 12; i++) {
            nested = "bash -c '" + nested.replace("'", "'\\''") + "'";
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("1 MB command", "echo " + "a".repeat(1_000_000) + "; rm -rf /");
        inputs.put("10,000 nested $(", "$(echo ".repeat(10_000) + "x" + ")".repeat(10_000));
        inputs.put("100,000 ;-separated commands", "true;".repeat(100_000));
        inputs.put("12 nested bash -c (" + nested.length() / 1000 + " KB)", nested);
        inputs.put("rm -rf / + 30,000 lines", "rm -rf /\n" + "echo x\n".repeat(30_000));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            long bestWall = Long.MAX_VALUE;
            long bestCpu = Long.MAX_VALUE;
            Decision d = null;
            for (int r = 0; r < rounds; r++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                d = engine.evaluate(new ShellCommand(e.getValue(), "/home/dev/project"));
                bestWall = Math.min(bestWall, System.nanoTime() - t0);
                bestCpu = Math.min(bestCpu, mx.getCurrentThreadCpuTime() - c0);
            }
            System.out.printf("%-32s best of %d: wall %7.1f ms, cpu %7.1f ms -> %s %s%n", e.getKey(), rounds,
                    bestWall / 1e6, bestCpu / 1e6, d.verdict(),
                    d.matches().stream().map(RuleMatch::qualifiedId).distinct().toList());
        }
    }
}
