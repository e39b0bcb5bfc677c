package dev.interlock.action;

import java.util.Objects;

/**
 * A tool call to an MCP server.
 *
 * @param server        the MCP server's name as configured in the agent
 * @param tool          the tool's name
 * @param argumentsJson the call's arguments, as a JSON object text
 */
public record McpCall(String server, String tool, String argumentsJson) implements Action {
    public McpCall {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(tool, "tool");
        argumentsJson = argumentsJson == null ? "{}" : argumentsJson;
    }

    @Override
    public String kind() {
        return "mcp";
    }

    @Override
    public String summary() {
        return server + "/" + tool + " " + argumentsJson;
    }
}
