package dev.interlock.proxy;

import dev.interlock.action.HttpCall;
import dev.interlock.action.Origin;
import dev.interlock.broker.Guard;
import dev.interlock.broker.Resolution;
import java.util.concurrent.CompletableFuture;

/**
 * How the proxy hands a request to the guard: {@link Guard#decide} plus a signal that completes when the client
 * hangs up, so a held approval can show "no longer waiting" and nothing is sent afterwards.
 */
@FunctionalInterface
public interface ProxyGuard {

    Resolution decide(HttpCall call, Origin origin, CompletableFuture<Void> clientGone);

    /** A plain {@link Guard}: the deciding thread is interrupted when the client hangs up. */
    static ProxyGuard of(Guard guard) {
        return (call, origin, gone) -> {
            Thread thread = Thread.currentThread();
            Object lock = new Object();
            boolean[] finished = {false};
            gone.thenRun(() -> {
                synchronized (lock) {
                    if (!finished[0]) {
                        thread.interrupt();
                    }
                }
            });
            try {
                return guard.decide(call, origin);
            } finally {
                synchronized (lock) {
                    finished[0] = true;
                    Thread.interrupted(); // the pool thread is reused: do not leak the interrupt
                }
            }
        };
    }
}
