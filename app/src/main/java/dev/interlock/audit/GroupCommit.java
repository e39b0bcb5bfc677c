package dev.interlock.audit;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Group commit for the audit log: every caller queues its row; one of them leads, writing every queued row in
 * batches of one transaction each until the queue is empty, while the others sleep until their row is committed
 * (no convoy of callers taking the write lock only to find their row done). Rows are chained in queue order. A
 * caller that queued just as a leader finished finds no leader on its next check and leads itself. Rows nobody
 * waits on ({@link #appendLater}) are led by a background writer when no caller leads.
 */
final class GroupCommit {
    /** What one transaction of the chain needs; every call but {@link #where} is made holding {@link #lock}. */
    interface Store {
        Object lock();

        void begin() throws SQLException;

        AuditRecord append(Row row) throws SQLException;

        void commit() throws SQLException;

        void rollback();

        /** The file, for error messages. */
        String where();
    }

    private final Store store;
    private final Consumer<AuditRecord> notify;

    /** @param notify told of each row nobody waited on once it is committed (callers notify for their own) */
    GroupCommit(Store store, Consumer<AuditRecord> notify) {
        this.store = store;
        this.notify = notify;
    }

    /** A row waiting to be written by whichever caller holds the write lock next (group commit). */
    static final class Pending {
        final Row row;
        /** The caller waiting for this row, or {@code null} for a row nobody waits on ({@link #appendLater}). */
        final Thread owner;
        volatile AuditRecord written;
        volatile RuntimeException failed;

        Pending(Row row, Thread owner) {
            this.row = row;
            this.owner = owner;
        }

        boolean done() {
            return written != null || failed != null;
        }

        void finish(AuditRecord record, RuntimeException error) {
            if (record != null) {
                written = record;
            } else {
                failed = error;
            }
            if (owner != null) {
                LockSupport.unpark(owner);
            }
        }
    }

    private static final int MAX_BATCH = 256;
    /** Waiters are woken by the leader; this only bounds the damage should a wake-up ever be missed. */
    private static final long SAFETY_PARK_NANOS = 50_000_000L;
    /** Results wait this long for an action's transaction to join before committing on their own. */
    static final long RESULT_LINGER_NANOS = 20_000_000L;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean leading = new AtomicBoolean();
    /** Rows nobody waits on, by tool call, until written: their results attach to them meanwhile. */
    private final ConcurrentHashMap<String, Pending> unwritten = new ConcurrentHashMap<>();
    private volatile boolean lastWriteFailed;
    private volatile boolean closing;
    /** Started with the first row nobody waits on (short-lived commands never need it). */
    private volatile Thread backgroundWriter;

    /**
     * Queues the rows in order and returns once each is committed or has failed; the caller reads each
     * {@link Pending#written} or {@link Pending#failed}.
     *
     * @param lingerNanos how long to leave the rows to the next caller that leads before leading for them: rows
     *                    nobody waits on (results) then ride in the transaction of the next action's row instead of
     *                    taking one of their own
     */
    List<Pending> appendAll(List<Row> rows, long lingerNanos) {
        List<Pending> mine = new ArrayList<>(rows.size());
        for (Row r : rows) {
            if (r.refPending == null) {
                r.tail = ChainHash.tail(r.toRecord(null, null)); // serialised here, outside the write lock
            }
            mine.add(new Pending(r, Thread.currentThread()));
        }
        queue.addAll(mine);
        long lingerUntil = System.nanoTime() + lingerNanos;
        for (Pending p : mine) {
            while (!p.done()) {
                long linger = lingerUntil - System.nanoTime();
                if (linger > 0) {
                    LockSupport.parkNanos(this, linger);
                } else if (leading.compareAndSet(false, true)) {
                    lead();
                } else {
                    LockSupport.parkNanos(this, SAFETY_PARK_NANOS);
                }
            }
        }
        return mine;
    }

    /**
     * Writes until the queue is empty, then gives up the lead and looks once more: a row queued after the last
     * batch, whose owner found this leader still in place and went to sleep, is written by this leader (or by
     * whoever took the lead meanwhile), so no waiter depends on a timer to be woken.
     */
    private void lead() {
        do {
            try {
                synchronized (store.lock()) {
                    while (!queue.isEmpty()) {
                        writeBatch();
                    }
                }
            } finally {
                leading.set(false);
            }
        } while (!queue.isEmpty() && leading.compareAndSet(false, true));
    }

    /** Writes up to {@link #MAX_BATCH} queued rows in one transaction (write lock held). */
    private void writeBatch() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        List<AuditRecord> written = new ArrayList<>(batch.size());
        try {
            store.begin();
            for (Pending p : batch) {
                written.add(store.append(p.row));
            }
            store.commit();
            lastWriteFailed = false;
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).finish(written.get(i), null);
            }
            batch.forEach(this::settleUnwatched);
        } catch (SQLException | RuntimeException e) {
            // Whatever went wrong, every row taken from the queue gets an answer: its caller is waiting for it.
            store.rollback();
            if (batch.size() == 1) {
                lastWriteFailed = true;
                batch.get(0).finish(null, new AuditException(store.where() + ": cannot write the audit log: " + e.getMessage(), e));
                settleUnwatched(batch.get(0));
            } else {
                // One bad row must not fail its neighbours: write them one transaction each.
                batch.forEach(this::writeAlone);
            }
        }
    }

    private void writeAlone(Pending p) {
        try {
            store.begin();
            AuditRecord written = store.append(p.row);
            store.commit();
            lastWriteFailed = false;
            p.finish(written, null);
        } catch (SQLException | RuntimeException e) {
            store.rollback();
            lastWriteFailed = true;
            p.finish(null, new AuditException(store.where() + ": cannot write the audit log: " + e.getMessage(), e));
        }
        settleUnwatched(p);
    }

    /** For a row nobody waits on, the leader does what its caller would have: notify, or report the failure. */
    private void settleUnwatched(Pending p) {
        if (p.owner != null) {
            return;
        }
        unwritten.remove(p.row.callKey(), p);
        if (p.written != null) {
            notify.accept(p.written);
        } else {
            System.err.println("interlock: " + p.failed.getMessage() + " (lost: " + p.row.summary + ")");
        }
    }

    /**
     * Queues a row nobody waits on and returns at once; the background writer (or whichever caller leads first)
     * commits it. A result looking for it by {@link Row#callKey()} finds it until it is written.
     */
    void appendLater(Row r) {
        r.tail = ChainHash.tail(r.toRecord(null, null));
        Pending p = new Pending(r, null);
        String key = r.callKey();
        if (key != null) {
            unwritten.put(key, p); // before it is queued: its result comes later, so it finds the entry or the row
        }
        queue.add(p);
        wakeBackgroundWriter();
    }

    /** The queued, not yet written row of this tool call, or {@code null}. */
    Pending unwritten(String key) {
        return key == null ? null : unwritten.get(key);
    }

    /** True while the most recent write failed. */
    boolean lastWriteFailed() {
        return lastWriteFailed;
    }

    private void wakeBackgroundWriter() {
        Thread t = backgroundWriter;
        if (t == null) {
            synchronized (unwritten) {
                if (backgroundWriter == null) {
                    backgroundWriter = new Thread(this::writeInBackground, "interlock-audit-writer");
                    backgroundWriter.setDaemon(true);
                    backgroundWriter.start();
                }
                t = backgroundWriter;
            }
        }
        LockSupport.unpark(t);
    }

    /** Leads for queued rows when no caller does (a leader already at work drains them itself: see lead()). */
    private void writeInBackground() {
        while (!closing) {
            LockSupport.park(this);
            if (!queue.isEmpty() && leading.compareAndSet(false, true)) {
                lead();
            }
        }
    }

    /** Writes whatever is still queued, then stops the background writer. */
    void close() {
        closing = true;
        drain();
        Thread t = backgroundWriter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void drain() {
        while (!queue.isEmpty()) {
            if (leading.compareAndSet(false, true)) {
                lead();
            } else {
                LockSupport.parkNanos(this, 1_000_000L);
            }
        }
    }
}
