package dev.interlock.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.action.Action;
import dev.interlock.action.FileAccess.Mode;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;
import java.util.List;
import java.util.Set;

/**
 * The OpenCode plugin's payload ({@code share/opencode/interlock.js}, agent-integrations.md §6):
 * {@code {"tool","sessionID","callID","args","cwd"}}; reply {@code {"decision":"allow"|"deny","reason"}}. The plugin
 * throws on anything but allow. OpenCode plugins cannot ask.
 */
public final class OpenCodeAdapter implements HookAdapter {
    static final String AGENT = "opencode";
    private static final Set<String> UNGUARDED = Set.of("glob", "list", "todoread", "todowrite", "task", "lsp",
            "skill", "websearch", "codesearch", "question");

    @Override
    public String agent() {
        return AGENT;
    }

    @Override
    public List<Request> parseAll(JsonNode p) {
        String tool = Payloads.required(p, "tool", AGENT);
        String where = AGENT + " " + tool;
        JsonNode in = Payloads.object(p, "args", where);
        String cwd = Payloads.text(p, "cwd");
        String path = Payloads.firstText(in, "filePath", "path");
        List<Action> actions = switch (tool) {
            case "bash" -> List.of(Actions.shell(Payloads.text(in, "command"), Payloads.firstText(in, "workdir", "cwd") != null
                    ? Payloads.firstText(in, "workdir", "cwd") : cwd, where));
            case "read" -> List.of(Actions.file(path, Mode.READ, cwd, null, where));
            case "grep" -> path == null ? List.of() : List.of(Actions.file(path, Mode.READ, cwd, null, where));
            case "write" -> List.of(Actions.file(path, Mode.WRITE, cwd, Payloads.text(in, "content"), where));
            case "edit", "multiedit" -> List.of(Actions.file(path, Mode.EDIT, cwd, Payloads.firstText(in, "newString",
                    "new_string"), where));
            case "patch", "apply_patch" -> CodexAdapter.patch(Payloads.firstText(in, "patchText", "patch", "input"), cwd, where);
            case "webfetch" -> List.of(Actions.get(Payloads.text(in, "url"), where));
            default -> UNGUARDED.contains(tool) ? List.<Action>of() : List.of(mcp(tool, in));
        };
        Origin o = new Origin(AGENT, Payloads.text(p, "sessionID"), Payloads.text(p, "callID"), cwd, null);
        return actions.stream().map(a -> new Request(a, o, p)).toList();
    }

    /** OpenCode names MCP tools {@code <server>_<tool>}. */
    private static Action mcp(String tool, JsonNode in) {
        int sep = tool.indexOf('_');
        return sep > 0 ? Actions.mcp(tool.substring(0, sep), tool.substring(sep + 1), in) : Actions.mcp("unknown", tool, in);
    }

    @Override
    public Reply reply(Request request, Resolution r) {
        Outcome out = Outcome.of(r);
        return out == Outcome.NO_OBJECTION || out == Outcome.APPROVED ? passThrough() : failClosed(ReplyText.deny(r));
    }

    @Override
    public Reply passThrough() {
        return new Reply("{\"decision\":\"allow\"}", 0);
    }

    @Override
    public Reply failClosed(String reason) {
        ObjectNode o = Payloads.obj();
        o.put("decision", "deny");
        o.put("reason", reason);
        return new Reply(Payloads.write(o), 0);
    }
}
