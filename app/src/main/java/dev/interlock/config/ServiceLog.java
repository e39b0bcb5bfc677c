package dev.interlock.config;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The service's own log in the data directory: {@code logs/interlock-0.log} (newest; rotated at 5 MiB, 3 files).
 * Warnings and errors from Interlock ({@link System.Logger}) and from its libraries (Netty and others log through
 * slf4j, which {@code slf4j-jdk14} hands to {@code java.util.logging}) all end up here, one line each.
 */
public final class ServiceLog implements AutoCloseable {
    public static final String DIR = "logs";
    public static final String NEWEST = "interlock-0.log";
    private static final int LIMIT_BYTES = 5 * 1024 * 1024;
    private static final int FILES = 3;

    private final Handler handler;
    private final Path file;

    private ServiceLog(Handler handler, Path file) {
        this.handler = handler;
        this.file = file;
    }

    /** Adds the log file to the root logger (level WARNING and above) until {@link #close()}. */
    public static ServiceLog install(DataDir dir) throws IOException {
        Path logs = DataDir.ensurePrivateDir(dir.root().resolve(DIR));
        FileHandler h = new FileHandler(logs.resolve("interlock-%g.log").toString(), LIMIT_BYTES, FILES, true);
        h.setLevel(Level.WARNING);
        h.setEncoding("UTF-8");
        h.setFormatter(new OneLine());
        Logger.getLogger("").addHandler(h);
        return new ServiceLog(h, logs.resolve(NEWEST));
    }

    /** The file currently written. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
        handler.close();
    }

    /** {@code 2026-11-24 03:30:00.123 WARNING dev.interlock.proxy.ClientHandler: message}, then any stack trace. */
    static final class OneLine extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord r) {
            StringBuilder b = new StringBuilder(160);
            b.append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ').append(r.getLevel().getName())
                    .append(' ').append(r.getLoggerName()).append(": ").append(formatMessage(r)).append('\n');
            if (r.getThrown() != null) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                b.append(w);
            }
            return b.toString();
        }
    }
}
