package dev.interlock.hooks;

import com.sun.net.httpserver.HttpServer;
import dev.interlock.broker.Guard;
import dev.interlock.hooks.HookAdapter.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal stand-in for the control API's {@code POST /v1/hook/{agent}} (the real one lives in the service), on
 * 127.0.0.1 with a bearer token, speaking {@link HookHttp}. Writes {@code run/endpoint} and {@code run/hook-token}
 * the way the service does.
 */
public final class LoopbackHookServer implements AutoCloseable {
    final HttpServer server;
    public final AtomicInteger requests = new AtomicInteger();
    volatile String lastHostHint;

    public LoopbackHookServer(Guard guard, String token, Path runDir) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        HookHandler handler = new HookHandler(HookAdapters.standard(), guard);
        server.createContext(HookHttp.PATH_PREFIX, ex -> {
            requests.incrementAndGet();
            byte[] body = ex.getRequestBody().readAllBytes();
            if (!("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.sendResponseHeaders(401, -1);
                ex.close();
                return;
            }
            lastHostHint = ex.getRequestHeaders().getFirst(HookHttp.HOST);
            String agent = ex.getRequestURI().getPath().substring(HookHttp.PATH_PREFIX.length());
            Reply r = handler.handle(agent, body, lastHostHint);
            HookHttp.responseHeaders(r).forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            byte[] out = r.stdout().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                ex.getResponseBody().write(out);
            }
            ex.close();
        });
        server.start();
        TestDistribution.writePrivate(runDir.resolve("endpoint"), "127.0.0.1:" + port() + "\n");
        TestDistribution.writePrivate(runDir.resolve("hook-token"), token + "\n");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
