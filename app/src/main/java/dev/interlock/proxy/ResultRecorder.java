package dev.interlock.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands finished exchanges to a sink that may block (the audit log's result rows) on a thread of its own, never the
 * proxy's. Whatever has queued while the sink was busy goes to it as one batch (up to {@value #MAX_BATCH}), so under
 * load the result rows share transactions instead of each paying for one; when idle a batch is a single exchange,
 * written at once. A failing sink is logged, never thrown, and the next batch still goes.
 */
public final class ResultRecorder implements ProxyObserver, AutoCloseable {
    static final int MAX_BATCH = 256;
    private static final System.Logger LOG = System.getLogger(ResultRecorder.class.getName());
    private final Consumer<List<ProxyExchange>> sink;
    private final LinkedBlockingQueue<ProxyExchange> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    /** Queued by {@link #close()}: the writer stops once it reaches it. */
    private static final ProxyExchange STOP = new ProxyExchange(null, null, null, null, 0, 0, null);

    public ResultRecorder(Consumer<List<ProxyExchange>> sink) {
        this.sink = sink;
        this.writer = new Thread(this::run, "interlock-proxy-results");
        writer.setDaemon(true);
        writer.start();
    }

    /** @throws RejectedExecutionException once closed */
    @Override
    public void exchanged(ProxyExchange exchange) {
        if (closed) {
            throw new RejectedExecutionException("the proxy's result recorder is closed");
        }
        queue.add(exchange);
    }

    private void run() {
        List<ProxyExchange> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return; // close gave up waiting
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stop = batch.remove(STOP); // queued last: everything before it is in this batch
            if (!batch.isEmpty()) {
                write(batch);
            }
            batch.clear();
        }
    }

    private void write(List<ProxyExchange> batch) {
        try {
            sink.accept(List.copyOf(batch));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "proxy: cannot record the results of " + batch.size()
                    + " requests (first: " + batch.get(0).call().summary() + ")", e);
        }
    }

    /** Writes what is queued (up to 5 s), then stops. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
    }
}
