package dev.interlock.ui.fx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * The one gateway onto the FX thread. Broker and audit code calls back on their own threads; everything that
 * touches a node goes through here.
 */
public final class Fx {
    private static volatile boolean started;

    private Fx() {
    }

    /** Starts the toolkit once (no Application subclass needed); later calls are no-ops. */
    public static synchronized void startup() {
        if (started) {
            return;
        }
        CountDownLatch ready = new CountDownLatch(1);
        try {
            Platform.startup(ready::countDown);
        } catch (IllegalStateException alreadyRunning) {
            ready.countDown();
        }
        Platform.setImplicitExit(false);
        try {
            ready.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        started = true;
    }

    /** Runs now when already on the FX thread, else later on it. */
    public static void run(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    public static <T> CompletionStage<T> call(Supplier<T> s) {
        CompletableFuture<T> f = new CompletableFuture<>();
        run(() -> {
            try {
                f.complete(s.get());
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** Blocks the calling (non-FX) thread until {@code s} ran on the FX thread. */
    public static <T> T await(Supplier<T> s) {
        try {
            return call(s).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("FX call failed: " + e.getMessage(), e);
        }
    }

    public static void checkThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("not on the FX application thread: " + Thread.currentThread().getName());
        }
    }
}
