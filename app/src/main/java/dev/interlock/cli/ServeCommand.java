package dev.interlock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.audit.AuditException;
import dev.interlock.config.DataDir;
import dev.interlock.hooks.HookAdapters;
import dev.interlock.policy.PackException;
import dev.interlock.server.ControlClient;
import dev.interlock.server.ControlServer;
import dev.interlock.server.RunFiles;
import dev.interlock.service.GuardService;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
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
        FileLock lock;
        FileChannel lockChannel;
        try {
            DataDir.ensurePrivateDir(dir.run());
            lockChannel = FileChannel.open(RunFiles.lock(dir), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (IOException e) {
            System.err.println("interlock serve: cannot use " + dir.run() + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        if (lock == null) {
            System.err.println(alreadyRunning(dir));
            return ExitCodes.FAILURE;
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
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
            stopped.countDown();
        }, "interlock-shutdown"));
        if (!headless) {
            System.out.println("(no tray in this build yet: running headless)");
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

    static String alreadyRunning(DataDir dir) {
        try {
            Optional<ControlClient> c = ControlClient.connect(dir, false);
            Optional<JsonNode> s = c.flatMap(ControlClient::status);
            if (s.isPresent()) {
                return "Interlock is already running for " + dir.root() + " (pid " + s.get().path("pid").asText()
                        + ", 127.0.0.1:" + s.get().path("port").asText() + "); not starting a second one.";
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "Another Interlock holds " + RunFiles.lock(dir) + " (starting up or shutting down); not starting a second one.";
    }
}
