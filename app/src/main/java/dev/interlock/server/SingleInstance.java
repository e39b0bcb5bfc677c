package dev.interlock.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.config.DataDir;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One guard service per data directory: whoever holds the file lock on {@code run/serve.lock} is it
 * ({@code interlock serve} and the tray app both take it). The lock goes away with the process, even on kill -9.
 */
public final class SingleInstance implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private SingleInstance(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or returns empty when another process holds it. */
    public static Optional<SingleInstance> acquire(DataDir dir) throws IOException {
        DataDir.ensurePrivateDir(dir.run());
        FileChannel ch = FileChannel.open(RunFiles.lock(dir), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (l == null) {
            ch.close();
            return Optional.empty();
        }
        return Optional.of(new SingleInstance(ch, l));
    }

    /** A message about the instance that holds the lock: pid and port when it answers. */
    public static String describeRunning(DataDir dir) {
        try {
            Optional<JsonNode> s = ControlClient.connect(dir, false).flatMap(ControlClient::status);
            if (s.isPresent()) {
                return "Interlock is already running for " + dir.root() + " (pid " + s.get().path("pid").asText()
                        + ", 127.0.0.1:" + s.get().path("port").asText() + "); not starting a second one.";
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "Another Interlock holds " + RunFiles.lock(dir) + " (starting up or shutting down); not starting a second one.";
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS drops the lock with the process anyway
        }
    }
}
