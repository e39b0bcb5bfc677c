package dev.interlock.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.action.Action;
import dev.interlock.action.FileAccess.Mode;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;
import java.util.Optional;
import java.util.Set;

/**
 * GitHub Copilot CLI {@code preToolUse} command hooks, camelCase payload (agent-integrations.md §5). Native ask is
 * honoured by the CLI (the cloud agent treats it as deny, which is still closed). PascalCase configurations send
 * Claude-style payloads; those are read with Claude's tool vocabulary and answered in Copilot's format.
 */
public final class CopilotAdapter implements HookAdapter {
    static final String AGENT = "copilot";
    private static final Set<String> UNGUARDED = Set.of("glob", "task", "ask_user", "report_intent", "think",
            "list_bash", "read_bash", "stop_bash", "update_todo", "web_search", "skill");

    @Override
    public String agent() {
        return AGENT;
    }

    @Override
    public Optional<Request> parse(JsonNode p) {
        if (!p.has("toolName") && p.has("tool_name")) {
            String tool = Payloads.required(p, "tool_name", AGENT);
            String cwd = Payloads.text(p, "cwd");
            Action a = ClaudeCodeAdapter.toolAction(tool, Payloads.object(p, "tool_input", AGENT), cwd, AGENT + " " + tool);
            return Optional.ofNullable(a).map(x -> new Request(x,
                    new Origin(AGENT, Payloads.text(p, "session_id"), Payloads.text(p, "tool_use_id"), cwd, null), p));
        }
        String tool = Payloads.required(p, "toolName", AGENT);
        String where = AGENT + " " + tool;
        JsonNode in = Payloads.object(p, "toolArgs", where);
        String cwd = Payloads.text(p, "cwd");
        String path = Payloads.firstText(in, "path", "file_path");
        Action a = switch (tool) {
            case "bash", "powershell" -> Actions.shell(Payloads.text(in, "command"), cwd, where);
            case "view" -> Actions.file(path, Mode.READ, cwd, null, where);
            case "grep" -> path == null ? null : Actions.file(path, Mode.READ, cwd, null, where);
            case "create" -> Actions.file(path, Mode.WRITE, cwd, Payloads.firstText(in, "file_text", "content"), where);
            case "edit", "str_replace", "str_replace_editor" -> Actions.file(path, Mode.EDIT, cwd,
                    Payloads.firstText(in, "new_str", "new_string"), where);
            case "web_fetch" -> Actions.get(Payloads.text(in, "url"), where);
            default -> UNGUARDED.contains(tool) ? null : mcp(tool, in);
        };
        if (a == null) {
            return Optional.empty();
        }
        return Optional.of(new Request(a, new Origin(AGENT, Payloads.text(p, "sessionId"),
                Payloads.firstText(p, "toolCallId", "toolUseId"), cwd, null), p));
    }

    /** Copilot names MCP tools {@code <server>-<tool>}; anything that is not a built-in is treated as one. */
    private static Action mcp(String tool, JsonNode in) {
        Action claudeStyle = Actions.mcpDoubleUnderscore(tool, in);
        if (claudeStyle != null) {
            return claudeStyle;
        }
        int sep = tool.indexOf('-');
        return sep > 0 ? Actions.mcp(tool.substring(0, sep), tool.substring(sep + 1), in) : Actions.mcp("unknown", tool, in);
    }

    @Override
    public Reply reply(Request request, Resolution r) {
        ObjectNode o = Payloads.obj();
        switch (Outcome.of(r)) {
            case NO_OBJECTION -> {
                return passThrough();
            }
            case APPROVED -> o.put("permissionDecision", "allow");
            case ASK -> {
                o.put("permissionDecision", "ask");
                o.put("permissionDecisionReason", ReplyText.ask(r));
            }
            case DENY -> {
                o.put("permissionDecision", "deny");
                o.put("permissionDecisionReason", ReplyText.deny(r));
            }
        }
        return new Reply(Payloads.write(o), 0);
    }

    @Override
    public Reply passThrough() {
        return new Reply("", 0);
    }

    /** Exit 2 denies preToolUse even if stdout says otherwise. */
    @Override
    public Reply failClosed(String reason) {
        ObjectNode o = Payloads.obj();
        o.put("permissionDecision", "deny");
        o.put("permissionDecisionReason", reason);
        return new Reply(Payloads.write(o), 2, reason);
    }
}
