package dev.interlock.cli;

import dev.interlock.action.Action;
import dev.interlock.action.HttpCall;
import dev.interlock.action.ShellCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The action a user asks about on the command line: a shell command after {@code --}, or {@code --http}. */
final class ActionOptions {
    @Option(names = "--cwd", paramLabel = "DIR", description = "Working directory the command would run in.")
    Path cwd;

    @Option(names = "--http", arity = "2", paramLabel = "METHOD URL", description = "Check an HTTP request instead.")
    List<String> http;

    @Option(names = {"-H", "--header"}, paramLabel = "'K: V'", description = "Request header (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--data", paramLabel = "BODY", description = "Request body.")
    String data;

    @Option(names = "--data-file", paramLabel = "FILE", description = "Read the request body from a file.")
    Path dataFile;

    @Parameters(paramLabel = "COMMAND", description = "The shell command (quote it, after --).")
    List<String> command = new ArrayList<>();

    /** Builds the action, or throws {@link IllegalArgumentException} with a message naming the problem. */
    Action toAction() throws IOException {
        if (http != null) {
            if (!command.isEmpty()) {
                throw new IllegalArgumentException("give either a shell command or --http, not both");
            }
            if (data != null && dataFile != null) {
                throw new IllegalArgumentException("give either --data or --data-file, not both");
            }
            String url = http.get(1);
            if (!url.matches("(?i)https?://.+")) {
                throw new IllegalArgumentException("--http URL must be absolute (http:// or https://): " + url);
            }
            Map<String, List<String>> hs = new LinkedHashMap<>();
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("header must look like 'Name: value': " + h);
                }
                hs.computeIfAbsent(h.substring(0, colon).trim(), k -> new ArrayList<>()).add(h.substring(colon + 1).trim());
            }
            String body = dataFile != null ? Files.readString(dataFile, StandardCharsets.UTF_8) : data;
            return new HttpCall(http.get(0), url, hs, body);
        }
        if (!headers.isEmpty() || data != null || dataFile != null) {
            throw new IllegalArgumentException("-H, --data and --data-file go with --http");
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException("nothing to check: give a shell command after --, or --http METHOD URL");
        }
        String script = String.join(" ", command);
        String dir = (cwd != null ? cwd : Path.of("")).toAbsolutePath().normalize().toString();
        return new ShellCommand(script, dir);
    }
}
