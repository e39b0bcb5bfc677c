package dev.interlock.ui.packs;

import dev.interlock.action.Action;
import dev.interlock.action.HttpCall;
import dev.interlock.action.ShellCommand;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the packs view's test box understands: {@code METHOD https://host/path [body]} is an HTTP request (a
 * {@code -H 'Name: value'} before the body adds a header), anything else is a shell command.
 */
public final class LiveTest {
    private static final Pattern HTTP = Pattern.compile(
            "(?s)^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\\s+(https?://\\S+)((?:\\s+-H\\s+'[^']*')*)\\s*(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER = Pattern.compile("-H\\s+'([^':]+):\\s*([^']*)'");

    private LiveTest() {
    }

    public static Action parse(String input, String cwd) {
        String t = input.strip();
        Matcher m = HTTP.matcher(t);
        if (m.matches()) {
            Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
            Matcher h = HEADER.matcher(m.group(3));
            while (h.find()) {
                headers.computeIfAbsent(h.group(1).trim(), k -> new java.util.ArrayList<>()).add(h.group(2).trim());
            }
            String body = m.group(4);
            if (!body.isEmpty() && body.startsWith("{") && !headers.containsKey("Content-Type")) {
                headers.put("Content-Type", List.of("application/json"));
            }
            return new HttpCall(m.group(1), m.group(2), headers, body);
        }
        return new ShellCommand(t, cwd);
    }
}
