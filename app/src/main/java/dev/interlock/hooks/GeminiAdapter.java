package dev.interlock.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.action.Action;
import dev.interlock.action.FileAccess.Mode;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini CLI {@code BeforeTool} hooks (agent-integrations.md §3). Gemini's "ask" exists only in its source, not
 * in its hook docs, and its non-interactive behaviour is undocumented, so an ask is answered with a deny.
 */
public final class GeminiAdapter implements HookAdapter {
    static final String AGENT = "gemini";

    @Override
    public String agent() {
        return AGENT;
    }

    @Override
    public List<Request> parseAll(JsonNode p) {
        String event = Payloads.required(p, "hook_event_name", AGENT);
        if (!event.equals("BeforeTool")) {
            return List.of();
        }
        String tool = Payloads.required(p, "tool_name", AGENT + " BeforeTool");
        String where = AGENT + " " + tool;
        JsonNode in = Payloads.object(p, "tool_input", where);
        String cwd = Payloads.text(p, "cwd");
        List<Action> actions = new ArrayList<>();
        switch (tool) {
            case "run_shell_command" -> {
                String dir = Payloads.text(in, "dir_path");
                actions.add(Actions.shell(Payloads.text(in, "command"), dir != null ? dir : cwd, where));
            }
            case "read_file" -> actions.add(Actions.file(Payloads.firstText(in, "file_path", "absolute_path"),
                    Mode.READ, cwd, null, where));
            case "read_many_files" -> {
                for (String key : new String[] {"paths", "include"}) {
                    in.path(key).forEach(n -> actions.add(Actions.file(n.asText(), Mode.READ, cwd, null, where)));
                }
            }
            case "write_file" -> actions.add(Actions.file(Payloads.text(in, "file_path"), Mode.WRITE, cwd,
                    Payloads.text(in, "content"), where));
            case "replace" -> actions.add(Actions.file(Payloads.text(in, "file_path"), Mode.EDIT, cwd,
                    Payloads.text(in, "new_string"), where));
            case "web_fetch" -> {
                String url = Payloads.firstUrl(Payloads.firstText(in, "prompt", "url"));
                if (url == null) {
                    throw new IllegalArgumentException(where + ": no http(s) URL in the prompt");
                }
                actions.add(Actions.get(url, where));
            }
            default -> {
                if (tool.startsWith("mcp_")) {
                    actions.add(mcp(p, tool, in));
                }
            }
        }
        Origin o = new Origin(AGENT, Payloads.text(p, "session_id"), Payloads.text(p, "tool_call_id"), cwd, null);
        return actions.stream().map(a -> new Request(a, o, p)).toList();
    }

    private static Action mcp(JsonNode p, String tool, JsonNode in) {
        JsonNode ctx = p.path("mcp_context");
        String server = Payloads.firstText(ctx, "server_name", "serverName");
        String name = Payloads.firstText(ctx, "tool_name", "toolName");
        if (server == null) {
            String rest = tool.substring(4);
            int sep = rest.indexOf('_');
            server = sep > 0 ? rest.substring(0, sep) : rest;
            name = sep > 0 ? rest.substring(sep + 1) : rest;
        }
        return Actions.mcp(server, name != null ? name : tool, in);
    }

    @Override
    public Reply reply(Request request, Resolution r) {
        ObjectNode o = Payloads.obj();
        switch (Outcome.of(r)) {
            case NO_OBJECTION, APPROVED -> o.put("decision", "allow");
            case ASK, DENY -> {
                o.put("decision", "deny");
                o.put("reason", ReplyText.deny(r));
            }
        }
        return new Reply(Payloads.write(o), 0);
    }

    @Override
    public Reply passThrough() {
        return new Reply("{}", 0);
    }

    /** Exit 2 + stderr blocks; stdout stays empty because Gemini wants pure JSON or nothing. */
    @Override
    public Reply failClosed(String reason) {
        return new Reply("", 2, reason);
    }
}
