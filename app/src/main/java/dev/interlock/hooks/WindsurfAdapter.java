package dev.interlock.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.action.Action;
import dev.interlock.action.FileAccess.Mode;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;
import java.util.Optional;

/**
 * Windsurf (Cascade) pre-hooks (agent-integrations.md §7d): exit 0 allows, exit 2 blocks with stderr shown to
 * Cascade. No documented ask, so an ask is a deny.
 */
public final class WindsurfAdapter implements HookAdapter {
    static final String AGENT = "windsurf";

    @Override
    public String agent() {
        return AGENT;
    }

    @Override
    public Optional<Request> parse(JsonNode p) {
        String event = Payloads.required(p, "agent_action_name", AGENT);
        String where = AGENT + " " + event;
        JsonNode info = p.get("tool_info");
        if (!event.startsWith("pre_")) {
            return Optional.empty();
        }
        if (info == null || !info.isObject()) {
            throw new IllegalArgumentException(where + ": missing object \"tool_info\"");
        }
        String cwd = Payloads.text(info, "cwd");
        Action a = switch (event) {
            case "pre_run_command" -> Actions.shell(Payloads.required(info, "command_line", where), cwd, where);
            case "pre_read_code" -> Actions.file(Payloads.required(info, "file_path", where), Mode.READ, cwd, null, where);
            case "pre_write_code" -> {
                StringBuilder sb = new StringBuilder();
                info.path("edits").forEach(e -> sb.append(e.path("new_string").asText("")).append('\n'));
                yield Actions.file(Payloads.required(info, "file_path", where), Mode.EDIT, cwd, sb.toString(), where);
            }
            case "pre_mcp_tool_use" -> Actions.mcp(Payloads.required(info, "mcp_server_name", where),
                    Payloads.required(info, "mcp_tool_name", where), Payloads.object(info, "mcp_tool_arguments", where));
            default -> null;
        };
        if (a == null) {
            return Optional.empty();
        }
        return Optional.of(new Request(a, new Origin(AGENT, Payloads.text(p, "trajectory_id"),
                Payloads.text(p, "execution_id"), cwd, null), p));
    }

    @Override
    public Reply reply(Request request, Resolution r) {
        Outcome out = Outcome.of(r);
        return out == Outcome.NO_OBJECTION || out == Outcome.APPROVED ? passThrough() : failClosed(ReplyText.deny(r));
    }

    @Override
    public Reply passThrough() {
        return new Reply("", 0);
    }

    @Override
    public Reply failClosed(String reason) {
        return new Reply("", 2, reason);
    }
}
