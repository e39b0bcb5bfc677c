package dev.interlock.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.action.Action;
import dev.interlock.action.FileAccess.Mode;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;
import java.util.Optional;

/**
 * Cline {@code PreToolUse} hook scripts (agent-integrations.md §7b). Cline has no ask; it blocks on
 * {@code "cancel":true}, non-zero exits, bad JSON and timeouts.
 */
public final class ClineAdapter implements HookAdapter {
    static final String AGENT = "cline";

    @Override
    public String agent() {
        return AGENT;
    }

    @Override
    public Optional<Request> parse(JsonNode p) {
        String hook = Payloads.required(p, "hookName", AGENT);
        if (!hook.equals("PreToolUse")) {
            return Optional.empty();
        }
        JsonNode pre = p.get("preToolUse");
        if (pre == null || !pre.isObject()) {
            throw new IllegalArgumentException(AGENT + " PreToolUse: missing object \"preToolUse\"");
        }
        String tool = Payloads.required(pre, "toolName", AGENT + " PreToolUse");
        String where = AGENT + " " + tool;
        JsonNode in = Payloads.object(pre, "parameters", where);
        String cwd = Payloads.firstOf(p.get("workspaceRoots"));
        String path = Payloads.text(in, "path");
        Action a = switch (tool) {
            case "execute_command" -> Actions.shell(Payloads.text(in, "command"), cwd, where);
            case "read_file" -> Actions.file(path, Mode.READ, cwd, null, where);
            case "write_to_file" -> Actions.file(path, Mode.WRITE, cwd, Payloads.text(in, "content"), where);
            case "replace_in_file" -> Actions.file(path, Mode.EDIT, cwd, Payloads.text(in, "diff"), where);
            case "use_mcp_tool" -> Actions.mcp(Payloads.required(in, "server_name", where),
                    Payloads.required(in, "tool_name", where), Payloads.object(in, "arguments", where));
            case "web_fetch" -> Actions.get(Payloads.text(in, "url"), where);
            case "browser_action" -> "launch".equals(Payloads.text(in, "action"))
                    ? Actions.get(Payloads.text(in, "url"), where) : null;
            default -> null;
        };
        if (a == null) {
            return Optional.empty();
        }
        return Optional.of(new Request(a, new Origin(AGENT, Payloads.text(p, "taskId"), null, cwd, null), p));
    }

    @Override
    public Reply reply(Request request, Resolution r) {
        Outcome out = Outcome.of(r);
        if (out == Outcome.NO_OBJECTION || out == Outcome.APPROVED) {
            return passThrough();
        }
        return cancel(ReplyText.deny(r), 0);
    }

    private static Reply cancel(String message, int exit) {
        ObjectNode o = Payloads.obj();
        o.put("cancel", true);
        o.put("errorMessage", message);
        return new Reply(Payloads.write(o), exit);
    }

    @Override
    public Reply passThrough() {
        return new Reply("{\"cancel\":false}", 0);
    }

    @Override
    public Reply failClosed(String reason) {
        return cancel(reason, 0);
    }
}
