package dev.interlock.ui.timeline;

import dev.interlock.audit.AuditLog;
import dev.interlock.audit.AuditRecord;
import dev.interlock.ui.fx.Fx;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;

/**
 * Turns the audit log's per-row commit notifications (on the writing thread, possibly thousands a second) into at
 * most one refresh on the FX thread every {@value #COALESCE_MS} ms: the writer only flips a flag, and the first
 * row of a quiet period schedules one timer through the FX gateway. Nothing is read on the writing thread.
 */
final class LiveFeed {
    static final int COALESCE_MS = 250;

    /** What happened since the last refresh: action ids whose result arrived, and whether retention pruned rows. */
    record Batch(Set<Long> resultsFor, boolean pruned) {
    }

    private final AuditLog audit;
    private final Consumer<AuditRecord> listener = this::committed;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Set<Long> results = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pruned = new AtomicBoolean();
    private final Consumer<Batch> refresh;
    private PauseTransition timer;
    private volatile boolean closed;

    LiveFeed(AuditLog audit, Consumer<Batch> refresh) {
        this.audit = audit;
        this.refresh = refresh;
        audit.addListener(listener);
    }

    /** On the audit writer's thread: cheap and never blocks it. */
    private void committed(AuditRecord r) {
        if ("result".equals(r.type()) && r.refId() > 0) {
            results.add(r.refId());
        } else if ("checkpoint".equals(r.type())) {
            pruned.set(true);
        }
        if (!closed && scheduled.compareAndSet(false, true)) {
            Fx.run(this::arm);
        }
    }

    private void arm() {
        if (closed) {
            return;
        }
        if (timer == null) {
            timer = new PauseTransition(javafx.util.Duration.millis(COALESCE_MS));
            timer.setOnFinished(e -> fire());
        }
        timer.playFromStart();
    }

    private void fire() {
        scheduled.set(false);
        if (closed) {
            return;
        }
        Set<Long> ids = Set.copyOf(results);
        results.removeAll(ids);
        refresh.accept(new Batch(ids, pruned.getAndSet(false)));
    }

    void close() {
        closed = true;
        audit.removeListener(listener);
        Fx.run(() -> {
            if (timer != null) {
                timer.stop();
            }
        });
    }
}
