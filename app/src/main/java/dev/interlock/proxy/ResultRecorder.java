package dev.interlock.proxy;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands each finished exchange to a sink that may block (the audit log's result row) on threads of its own, never
 * the proxy's. Several writers run at once, so their rows share the audit log's group commits with each other and
 * with the decision rows instead of queueing behind one thread; a failing sink is logged, never thrown.
 */
public final class ResultRecorder implements ProxyObserver, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ResultRecorder.class.getName());
    private final Consumer<ProxyExchange> sink;
    private final ThreadPoolExecutor writers;

    public ResultRecorder(Consumer<ProxyExchange> sink, int writers) {
        if (writers < 1) {
            throw new IllegalArgumentException("at least one writer, not " + writers);
        }
        this.sink = sink;
        this.writers = new ThreadPoolExecutor(writers, writers, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("interlock-proxy-results", true));
        this.writers.allowCoreThreadTimeOut(true);
    }

    @Override
    public void exchanged(ProxyExchange exchange) {
        writers.execute(() -> {
            try {
                sink.accept(exchange);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "proxy: cannot record the result of "
                        + exchange.call().summary(), e);
            }
        });
    }

    /** Writes what is queued (up to 5 s), then stops. */
    @Override
    public void close() {
        writers.shutdown();
        try {
            writers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
