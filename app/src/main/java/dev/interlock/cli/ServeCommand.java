package dev.interlock.cli;

import dev.interlock.audit.AuditException;
import dev.interlock.config.DataDir;
import dev.interlock.hooks.HookAdapters;
import dev.interlock.policy.PackException;
import dev.interlock.server.ControlServer;
import dev.interlock.server.SingleInstance;
import dev.interlock.service.GuardService;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code interlock serve}: the resident guard service in the foreground. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the guard service in the foreground: policy, pending approvals, audit log and the "
                + "loopback control API that hooks and shims call. One per data directory (INTERLOCK_HOME).")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--headless", description = "No tray or pop-up: approve asks with `interlock approvals`.")
    boolean headless;

    @Option(names = "--deadline", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long an ask waits for a human before it is denied (default: settings, 120s).")
    Duration deadline;

    @Option(names = "--port", paramLabel = "PORT", description = "Port on 127.0.0.1 (default: settings; 0 = any free port).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        DataDir dir = DataDir.resolve();
        SingleInstance lock;
        try {
            Optional<SingleInstance> got = SingleInstance.acquire(dir);
            if (got.isEmpty()) {
                System.err.println(SingleInstance.describeRunning(dir));
                return ExitCodes.FAILURE;
            }
            lock = got.get();
        } catch (IOException e) {
            System.err.println("interlock serve: cannot use " + dir.run() + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        try {
            // Warnings from Interlock and its libraries (the proxy, Netty, …) go to <data dir>/logs/.
            dev.interlock.config.ServiceLog.install(dir);
        } catch (IOException e) {
            System.err.println("warning: cannot write the service log in " + dir.root() + ": " + e.getMessage());
        }
        if (deadline != null && (deadline.isZero() || deadline.isNegative())) {
            System.err.println("interlock serve: --deadline must be positive");
            return ExitCodes.USAGE;
        }
        GuardService guard;
        ControlServer server;
        try {
            guard = GuardService.open(dir, GuardService.Options.DEFAULT.withDeadline(deadline));
        } catch (PackException e) {
            System.err.println("interlock serve: the bundled policy packs do not load: " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (IOException | AuditException e) {
            System.err.println("interlock serve: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        try {
            server = ControlServer.start(guard, HookAdapters.standard(), port != null ? port : guard.settings().controlPort());
        } catch (IOException e) {
            guard.close();
            lock.close();
            System.err.println("interlock serve: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        dev.interlock.proxy.ProxyServer proxy = null;
        try {
            proxy = ProxyStarter.start(guard, dir);
        } catch (IOException e) {
            // Agents routed through the proxy then get "connection refused": closed, not open.
            System.err.println("warning: the HTTPS proxy did not start: " + e.getMessage());
        }
        dev.interlock.proxy.ProxyServer proxyToClose = proxy;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (proxyToClose != null) {
                proxyToClose.close();
            }
            server.close();
            guard.close();
            lock.close();
            stopped.countDown();
        }, "interlock-shutdown"));
        if (!headless) {
            dev.interlock.ui.DesktopApp.tryStart(guard, () -> controlApiHealth(server.port()), System.out::println);
        }
        System.out.println("Interlock guard listening on 127.0.0.1:" + server.port() + " — data " + dir.root()
                + ", asks wait " + guard.deadline().toSeconds() + " s, then are denied.");
        if (proxy != null) {
            System.out.println("HTTPS proxy on 127.0.0.1:" + proxy.port() + " — route agents through it with "
                    + "`interlock run -- <agent>` or `eval \"$(interlock env)\"`.");
        }
        System.out.println("Approve pending asks with `interlock approvals`; freeze everything with `interlock freeze`.");
        guard.problems().forEach(p -> System.err.println("warning: " + p));
        System.out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    /** Empty while the control API accepts connections, else why not (the tray turns red). */
    static java.util.List<String> controlApiHealth(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 500);
            return java.util.List.of();
        } catch (IOException e) {
            return java.util.List.of("the control API on 127.0.0.1:" + port + " does not answer (" + e.getMessage() + ")");
        }
    }

    static String alreadyRunning(DataDir dir) {
        return SingleInstance.describeRunning(dir);
    }
}
