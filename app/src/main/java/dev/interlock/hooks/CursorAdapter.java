package dev.interlock.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.action.Action;
import dev.interlock.action.FileAccess.Mode;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;
import java.util.Optional;

/**
 * Cursor hooks ({@code ~/.cursor/hooks.json}, agent-integrations.md §2): {@code beforeShellExecution},
 * {@code beforeMCPExecution}, {@code beforeReadFile}, {@code preToolUse}. Native ask is only honoured on the
 * shell and MCP events; elsewhere an ask becomes a deny.
 */
public final class CursorAdapter implements HookAdapter {
    static final String AGENT = "cursor";

    @Override
    public String agent() {
        return AGENT;
    }

    @Override
    public Optional<Request> parse(JsonNode p) {
        String event = Payloads.required(p, "hook_event_name", AGENT);
        String where = AGENT + " " + event;
        String cwd = Payloads.text(p, "cwd");
        if (cwd == null) {
            cwd = Payloads.firstOf(p.get("workspace_roots"));
        }
        Action a;
        switch (event) {
            case "beforeShellExecution":
                a = Actions.shell(Payloads.required(p, "command", where), cwd, where);
                break;
            case "beforeMCPExecution":
                String server = Payloads.firstText(p, "server_name", "server", "url", "command");
                a = Actions.mcp(server == null ? "unknown" : server, Payloads.required(p, "tool_name", where),
                        Payloads.object(p, "tool_input", where));
                break;
            case "beforeReadFile":
                a = Actions.file(Payloads.required(p, "file_path", where), Mode.READ, cwd, null, where);
                break;
            case "preToolUse":
                a = preToolUse(p, cwd, where);
                break;
            default:
                return Optional.empty();
        }
        if (a == null) {
            return Optional.empty();
        }
        Origin o = new Origin(AGENT, Payloads.text(p, "conversation_id"),
                Payloads.firstText(p, "tool_use_id", "generation_id"), cwd, null);
        return Optional.of(new Request(a, o, p));
    }

    private static Action preToolUse(JsonNode p, String cwd, String where) {
        String tool = Payloads.required(p, "tool_name", where);
        JsonNode in = Payloads.object(p, "tool_input", where);
        String dir = Payloads.text(in, "working_directory");
        String path = Payloads.firstText(in, "file_path", "path", "target_file");
        return switch (tool) {
            case "Shell" -> Actions.shell(Payloads.text(in, "command"), dir != null ? dir : cwd, where);
            case "Read" -> Actions.file(path, Mode.READ, cwd, null, where);
            case "Write" -> Actions.file(path, Mode.WRITE, cwd,
                    Payloads.firstText(in, "content", "contents", "code_edit"), where);
            case "Delete" -> Actions.file(path, Mode.DELETE, cwd, null, where);
            default -> tool.startsWith("MCP:") ? Actions.mcp("cursor-mcp", tool.substring(4), in) : null;
        };
    }

    @Override
    public Reply reply(Request request, Resolution r) {
        String event = Payloads.text(request.payload(), "hook_event_name");
        Outcome out = Outcome.of(r);
        boolean asks = "beforeShellExecution".equals(event) || "beforeMCPExecution".equals(event);
        if (out == Outcome.ASK && !asks) {
            out = Outcome.DENY;
        }
        ObjectNode o = Payloads.obj();
        switch (out) {
            case NO_OBJECTION, APPROVED -> o.put("permission", "allow");
            case ASK -> {
                o.put("permission", "ask");
                o.put("user_message", ReplyText.ask(r));
                o.put("agent_message", "Interlock asked the user to confirm this action.");
            }
            case DENY -> {
                o.put("permission", "deny");
                o.put("user_message", "Blocked by Interlock: " + r.decision().summary());
                o.put("agent_message", ReplyText.deny(r));
            }
        }
        return new Reply(Payloads.write(o), 0);
    }

    @Override
    public Reply passThrough() {
        return new Reply("{\"permission\":\"allow\"}", 0);
    }

    @Override
    public Reply failClosed(String reason) {
        ObjectNode o = Payloads.obj();
        o.put("permission", "deny");
        o.put("user_message", reason);
        o.put("agent_message", reason);
        return new Reply(Payloads.write(o), 2, reason);
    }
}
