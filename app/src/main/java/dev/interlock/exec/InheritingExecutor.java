package dev.interlock.exec;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteStreamHandler;
import org.apache.commons.exec.ShutdownHookProcessDestroyer;

/**
 * A Commons Exec executor whose child shares this process's stdin, stdout and stderr (the same file descriptors,
 * so a terminal stays a terminal and nothing is buffered or pumped), reports any exit value without throwing, and
 * is destroyed when the JVM is asked to stop.
 */
final class InheritingExecutor extends DefaultExecutor {
    InheritingExecutor() {
        setStreamHandler(new ExecuteStreamHandler() {
            @Override
            public void setProcessErrorStream(InputStream is) {
            }

            @Override
            public void setProcessInputStream(OutputStream os) {
            }

            @Override
            public void setProcessOutputStream(InputStream is) {
            }

            @Override
            public void start() {
            }

            @Override
            public void stop() {
            }
        });
        setExitValues(null);
        setProcessDestroyer(new ShutdownHookProcessDestroyer());
    }

    @Override
    protected Process launch(CommandLine command, Map<String, String> env, File dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command.toStrings()).inheritIO();
        if (dir != null) {
            pb.directory(dir);
        }
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        return pb.start();
    }

    @Override
    protected Process launch(CommandLine command, Map<String, String> env, Path dir) throws IOException {
        return launch(command, env, dir == null ? null : dir.toFile());
    }
}
