package dev.interlock.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves WAL checkpoints off the append path. SQLite's automatic checkpoint runs inside the commit that crosses
 * its threshold, copying the log into the database and syncing it while the audit write lock is held (the
 * milliseconds-long stalls in the append benchmark's p99). Here the writer's automatic checkpoint is switched off
 * and a background thread runs passive checkpoints on its own connection, which never block writers or readers.
 * Should this thread ever stop, SQLite's own limit is restored so the log cannot grow without bound.
 */
final class Checkpointer implements AutoCloseable {
    private static final long PERIOD_MS = 250;
    /** Past this, a restarting checkpoint (which briefly waits for writers) keeps the log file from growing on. */
    private static final long MAX_WAL_BYTES = 64L * 1024 * 1024;
    private final Path file;
    private final Connection writer;
    private final ScheduledExecutorService timer;
    private Connection own;

    Checkpointer(Path file, Connection writer) throws SQLException {
        this.file = file;
        this.writer = writer;
        this.own = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = own.createStatement()) {
            s.execute("PRAGMA busy_timeout = 1000");
        }
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint = 0");
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "interlock-audit-checkpoint");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkpoint, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private synchronized void checkpoint() {
        if (own == null) {
            return;
        }
        try (Statement s = own.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            Path wal = file.resolveSibling(file.getFileName() + "-wal");
            if (java.nio.file.Files.exists(wal) && java.nio.file.Files.size(wal) > MAX_WAL_BYTES) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        } catch (java.io.IOException e) {
            // the size is only a hint
        } catch (SQLException e) {
            System.err.println("interlock: " + file + ": background checkpoint failed (" + e.getMessage()
                    + "); the audit log checkpoints on its own again");
            restoreAutomatic();
            close();
        }
    }

    private void restoreAutomatic() {
        synchronized (writer) {
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint = 1000");
            } catch (SQLException ignored) {
                // the writer is closing
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            if (own == null) {
                return;
            }
            try {
                own.close();
            } catch (SQLException ignored) {
                // nothing left to do
            }
            own = null;
        }
    }
}
