package dev.interlock.cli;

import dev.interlock.policy.Pack;
import dev.interlock.policy.PackException;
import dev.interlock.policy.PackTester;
import dev.interlock.policy.Policies;
import dev.interlock.secrets.DetectorTester;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code interlock policy test FILE…}: load packs and run every rule's own examples. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Work with policy packs.",
        subcommands = PolicyCommand.Test.class)
public final class PolicyCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Load each pack and run every rule's match / no_match examples. Non-zero exit on failure.")
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Pack files (*.yaml).")
        List<Path> files;

        @Override
        public Integer call() {
            boolean ok = true;
            for (Path f : files) {
                Pack pack;
                try {
                    pack = Policies.loader().load(f);
                } catch (PackException e) {
                    System.out.println("FAIL " + e.getMessage());
                    ok = false;
                    continue;
                }
                PackTester.Report r = PackTester.test(pack);
                List<String> detectorFailures = DetectorTester.test(pack);
                int failed = r.failures().size() + detectorFailures.size();
                System.out.printf("%s %s: %d rules, %d examples, %d failed%n", failed == 0 ? "ok  " : "FAIL",
                        f, pack.rules().size(), r.examples() + DetectorTester.count(pack), failed);
                r.failures().forEach(x -> System.out.println("  " + x.describe()));
                detectorFailures.forEach(x -> System.out.println("  " + x));
                ok &= failed == 0;
            }
            return ok ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }
}
