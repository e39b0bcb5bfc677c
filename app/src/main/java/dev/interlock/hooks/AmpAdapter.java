package dev.interlock.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.action.Action;
import dev.interlock.action.FileAccess.Mode;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;
import java.util.Optional;

/**
 * Amp {@code "action":"delegate"} permission programs (agent-integrations.md §7f). Amp gives the tool's parameters
 * on stdin and the tool name in {@code AGENT_TOOL_NAME}; the hook client wraps both into one payload:
 * {@code {"amp_tool":"Bash","amp_thread_id":"T-…","cwd":"…","params":{…}}}. Exit 0 allows, 1 asks the operator
 * (Amp's native ask, honoured), 2 rejects with stderr shown to the model.
 */
public final class AmpAdapter implements HookAdapter {
    static final String AGENT = "amp";

    @Override
    public String agent() {
        return AGENT;
    }

    @Override
    public Optional<Request> parse(JsonNode p) {
        String tool = Payloads.required(p, "amp_tool", AGENT);
        String where = AGENT + " " + tool;
        JsonNode in = Payloads.object(p, "params", where);
        String cwd = Payloads.firstText(in, "cwd", "workdir");
        if (cwd == null) {
            cwd = Payloads.text(p, "cwd");
        }
        String path = Payloads.firstText(in, "path", "file_path");
        Action a = switch (tool) {
            case "Bash" -> Actions.shell(Payloads.firstText(in, "cmd", "command"), cwd, where);
            case "Read", "read_file" -> Actions.file(path, Mode.READ, cwd, null, where);
            case "Grep" -> path == null ? null : Actions.file(path, Mode.READ, cwd, null, where);
            case "create_file", "Write" -> Actions.file(path, Mode.WRITE, cwd, Payloads.firstText(in, "content", "contents"), where);
            case "edit_file", "Edit" -> Actions.file(path, Mode.EDIT, cwd, Payloads.firstText(in, "new_str", "new_string"), where);
            case "read_web_page" -> Actions.get(Payloads.text(in, "url"), where);
            default -> Actions.mcpDoubleUnderscore(tool, in);
        };
        if (a == null) {
            return Optional.empty();
        }
        return Optional.of(new Request(a, new Origin(AGENT, Payloads.text(p, "amp_thread_id"), null, cwd, null), p));
    }

    @Override
    public Reply reply(Request request, Resolution r) {
        return switch (Outcome.of(r)) {
            case NO_OBJECTION, APPROVED -> passThrough();
            case ASK -> new Reply("", 1, ReplyText.ask(r));
            case DENY -> failClosed(ReplyText.deny(r));
        };
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
