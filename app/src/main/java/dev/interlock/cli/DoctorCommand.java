package dev.interlock.cli;

import dev.interlock.config.DataDir;
import dev.interlock.hooks.ServiceClient;
import dev.interlock.hooks.install.AgentProbe;
import dev.interlock.hooks.install.Integration;
import dev.interlock.hooks.install.Integrations;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code interlock doctor}: which agents are here, whether Interlock guards them, and what is missing. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Show, per coding agent found on this machine, whether Interlock is wired in, the agent's version,",
                "and what is missing; plus whether the Interlock service runs. Exit 1 when something is missing."})
public final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--all", description = "Also list agents that were not found.")
    boolean all;

    @Option(names = "--home", paramLabel = "DIR", hidden = true, description = "Home directory (tests).")
    Path home;

    @Override
    public Integer call() {
        Path h = home != null ? home : Path.of(System.getProperty("user.home"));
        String path = System.getenv("PATH");
        boolean problems = false;
        System.out.println("Agents");
        int shown = 0;
        for (Integration i : Integrations.all()) {
            AgentProbe p = AgentProbe.probe(i, h, path, Optional.of(Path.of("").toAbsolutePath()));
            if (!p.found() && !all) {
                continue;
            }
            shown++;
            String state = !p.found() ? "not found" : p.wired() ? "guarded" : "NOT GUARDED";
            System.out.printf("  %-20s %-12s %s%n", i.displayName(), state,
                    p.version().map(v -> "version " + v).orElse(p.found() ? "version unknown" : ""));
            System.out.println("    config: " + p.userFile());
            for (String m : p.missing()) {
                System.out.println("    missing: " + m);
            }
            problems |= p.found() && !p.missing().isEmpty();
        }
        if (shown == 0) {
            System.out.println("  no supported coding agent found (use --all to list them); for others use `interlock run -- <agent>`");
        }
        System.out.println();
        System.out.println("Interlock");
        ServiceClient sc = new ServiceClient(DataDir.resolve(), Duration.ofSeconds(2));
        Optional<URI> ep = sc.endpoint();
        if (ep.isEmpty()) {
            System.out.println("  service:  not running (no " + DataDir.resolve().run().resolve("endpoint")
                    + "); hooks fall back to the local policy and block what needs a human. Start it: interlock serve --headless");
            problems = true;
        } else if (!reachable(ep.get())) {
            System.out.println("  service:  not running (stale endpoint " + ep.get() + ")");
            problems = true;
        } else {
            System.out.println("  service:  running at " + ep.get() + (sc.token().isPresent() ? "" : " (no hook token!)"));
        }
        Optional<Path> curl = AgentProbe.onPath("curl", path);
        System.out.println("  curl:     " + curl.map(Path::toString).orElse("MISSING: hook calls will use the slow JVM path"));
        System.out.println();
        System.out.println("Desktop");
        String hotkey = dev.interlock.config.Settings.load(DataDir.resolve()).settings().hotkey();
        dev.interlock.ui.DesktopProbe.Report d = dev.interlock.ui.DesktopProbe.probe(hotkey, Duration.ofSeconds(5));
        System.out.println("  display:  " + (d.display().ok() ? "yes, " : "no: ") + d.display().detail());
        System.out.println("  tray:     " + (d.tray().ok() ? "supported, " : "not available: ") + d.tray().detail());
        System.out.println("  hotkey:   " + (d.hotkey().ok() ? "loads, " : "not available: ") + d.hotkey().detail());
        System.out.println("  instead:  " + d.standIn());
        return problems ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    private static boolean reachable(URI u) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
