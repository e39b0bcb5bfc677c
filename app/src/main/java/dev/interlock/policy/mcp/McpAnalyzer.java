package dev.interlock.policy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.interlock.action.Action;
import dev.interlock.action.McpCall;
import dev.interlock.policy.Analyzer;
import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.TextOrigin;

/** An MCP call is one subject; arguments that are not a JSON object are kept as an empty object. */
public final class McpAnalyzer implements Analyzer {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean accepts(Action action) {
        return action instanceof McpCall;
    }

    @Override
    public void analyze(Action action, SubjectSink sink) {
        McpCall m = (McpCall) action;
        JsonNode args;
        try {
            args = JSON.readTree(m.argumentsJson());
        } catch (Exception e) {
            sink.note("MCP arguments are not JSON: " + e.getMessage());
            args = JsonNodeFactory.instance.objectNode();
        }
        sink.add(new McpSubject(m.server(), m.tool(), args, TextOrigin.whole("arguments", m.argumentsJson())));
    }
}
