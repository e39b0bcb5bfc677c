package dev.interlock.proxy;

import dev.interlock.action.Action;
import dev.interlock.action.Origin;
import dev.interlock.broker.Guard;
import dev.interlock.broker.Resolution;
import dev.interlock.policy.Decision;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test guard that does what the broker does, in miniature: the real policy engine decides, an {@code ask} is held
 * until the test approves or denies it or its deadline passes (deny). It records everything it saw.
 */
final class HoldingGuard implements Guard {
    record Held(String id, Action action, Origin origin, Decision decision, CompletableFuture<Boolean> answer) {
    }

    private final PolicyEngine engine;
    private final Duration deadline;
    private final AtomicInteger ids = new AtomicInteger();
    final Map<String, Held> pending = new ConcurrentHashMap<>();
    final List<Action> seen = new CopyOnWriteArrayList<>();
    final List<String> stoppedWaiting = new CopyOnWriteArrayList<>();
    /** Every request that was ever held, in arrival order. */
    final List<Held> everHeld = new CopyOnWriteArrayList<>();

    HoldingGuard(PolicyEngine engine, Duration deadline) {
        this.engine = engine;
        this.deadline = deadline;
    }

    @Override
    public Resolution decide(Action action, Origin origin) {
        seen.add(action);
        Decision d = engine.evaluate(action);
        if (d.verdict() != Verdict.ASK) {
            return new Resolution(d.verdict(), d, "policy", Duration.ZERO, null, d.summary());
        }
        String id = "t" + ids.incrementAndGet();
        Held h = new Held(id, action, origin, d, new CompletableFuture<>());
        pending.put(id, h);
        everHeld.add(h);
        Instant start = Instant.now();
        try {
            boolean yes = h.answer().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Resolution(yes ? Verdict.ALLOW : Verdict.DENY, d, "human:test",
                    Duration.between(start, Instant.now()), id, yes ? "approved" : "denied by a human");
        } catch (TimeoutException e) {
            return new Resolution(Verdict.DENY, d, "timeout", Duration.between(start, Instant.now()), id,
                    "nobody approved " + id + " before its deadline");
        } catch (InterruptedException e) {
            stoppedWaiting.add(id);
            Thread.currentThread().interrupt();
            return new Resolution(Verdict.DENY, d, "timeout", Duration.between(start, Instant.now()), id,
                    "the client stopped waiting");
        } catch (ExecutionException e) {
            return new Resolution(Verdict.DENY, d, "policy", Duration.ZERO, id, e.toString());
        } finally {
            pending.remove(id);
        }
    }

    /** Waits for the next held request and returns it. */
    Held awaitPending(Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            for (Held h : pending.values()) {
                return h;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("nothing was held within " + max);
    }

    void answer(String id, boolean allow) {
        Held h = pending.get(id);
        if (h == null) {
            throw new AssertionError("no pending " + id);
        }
        h.answer().complete(allow);
    }
}
