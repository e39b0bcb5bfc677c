package dev.interlock.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.action.Action;
import dev.interlock.action.FileAccess;
import dev.interlock.action.HttpCall;
import dev.interlock.action.McpCall;
import dev.interlock.action.ShellCommand;
import java.util.Map;

/** Builds the actions adapters produce, the same way for every agent. */
final class Actions {
    /** Bound on file content carried into the action (policy looks at a prefix; the audit log bounds it again). */
    static final int MAX_CONTENT = 64 * 1024;

    private Actions() {
    }

    static Action shell(String command, String cwd, String where) {
        if (command == null) {
            throw new IllegalArgumentException(where + ": missing the command text");
        }
        return new ShellCommand(command, cwd);
    }

    static Action file(String path, FileAccess.Mode mode, String cwd, String content, String where) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(where + ": missing the file path");
        }
        String bounded = content == null || content.length() <= MAX_CONTENT ? content : content.substring(0, MAX_CONTENT);
        return new FileAccess(path, mode, cwd, bounded);
    }

    static Action get(String url, String where) {
        if (url == null || !url.matches("(?i)https?://.+")) {
            throw new IllegalArgumentException(where + ": missing an absolute http(s) URL, got " + url);
        }
        return new HttpCall("GET", url, Map.of(), "");
    }

    static Action mcp(String server, String tool, JsonNode arguments) {
        return new McpCall(server, tool, arguments == null ? "{}" : Payloads.write(arguments));
    }

    /** Claude-style {@code mcp__<server>__<tool>} (also Codex and Amp); {@code null} when the name is not one. */
    static Action mcpDoubleUnderscore(String toolName, JsonNode arguments) {
        if (toolName == null || !toolName.startsWith("mcp__")) {
            return null;
        }
        String rest = toolName.substring(5);
        int sep = rest.indexOf("__");
        if (sep <= 0 || sep + 2 >= rest.length()) {
            throw new IllegalArgumentException("MCP tool name \"" + toolName + "\" is not mcp__<server>__<tool>");
        }
        return mcp(rest.substring(0, sep), rest.substring(sep + 2), arguments);
    }
}
