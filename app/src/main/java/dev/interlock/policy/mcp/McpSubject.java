package dev.interlock.policy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.policy.Subject;
import dev.interlock.policy.TextOrigin;
import java.util.List;

/** An MCP tool call: server, tool, and its parsed arguments. */
public record McpSubject(String server, String tool, JsonNode arguments, TextOrigin origin) implements Subject {
    public static final String TYPE = "mcp";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> indexKeys() {
        return List.of();
    }

    @Override
    public String describe() {
        return "mcp " + server + "/" + tool;
    }
}
