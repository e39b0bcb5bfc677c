package dev.interlock.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.action.Action;
import dev.interlock.action.FileAccess.Mode;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;
import java.util.Optional;

/**
 * Claude Code {@code PreToolUse} and {@code PermissionRequest} command hooks (agent-integrations.md §1), and
 * {@code SessionEnd}, which ends the session's grants.
 * Native ask is honoured ({@code permissionDecision:"ask"}) except in {@code bypassPermissions}/{@code dontAsk}
 * modes, where an ask was reported to be auto-approved: there Interlock denies instead.
 */
public final class ClaudeCodeAdapter implements HookAdapter {
    static final String AGENT = "claude-code";

    @Override
    public String agent() {
        return AGENT;
    }

    @Override
    public Optional<Request> parse(JsonNode p) {
        String event = Payloads.required(p, "hook_event_name", AGENT);
        if (!event.equals("PreToolUse") && !event.equals("PermissionRequest")) {
            return Optional.empty();
        }
        String tool = Payloads.required(p, "tool_name", AGENT + " " + event);
        JsonNode in = Payloads.object(p, "tool_input", AGENT + " " + event);
        String cwd = Payloads.text(p, "cwd");
        Action a = toolAction(tool, in, cwd, AGENT + " " + tool);
        if (a == null) {
            return Optional.empty();
        }
        Origin o = new Origin(HostDetector.hostOf(p, AGENT), Payloads.text(p, "session_id"),
                Payloads.text(p, "tool_use_id"), cwd, null);
        return Optional.of(new Request(a, o, p));
    }

    @Override
    public Optional<Origin> sessionEnded(JsonNode p) {
        String session = Payloads.text(p, "session_id");
        if (!"SessionEnd".equals(Payloads.text(p, "hook_event_name")) || session == null) {
            return Optional.empty();
        }
        return Optional.of(new Origin(HostDetector.hostOf(p, AGENT), session, null, Payloads.text(p, "cwd"), null));
    }

    /** Claude's tool vocabulary (also used by Copilot's PascalCase mode); {@code null} for unguarded tools. */
    static Action toolAction(String tool, JsonNode in, String cwd, String where) {
        switch (tool) {
            case "Bash", "PowerShell", "Monitor":
                if (Payloads.text(in, "command") == null) {
                    return null; // Monitor on a WebSocket source runs no command
                }
                return Actions.shell(Payloads.text(in, "command"), cwd, where);
            case "Read":
                return Actions.file(Payloads.text(in, "file_path"), Mode.READ, cwd, null, where);
            case "Grep":
                String path = Payloads.text(in, "path");
                return path == null ? null : Actions.file(path, Mode.READ, cwd, null, where);
            case "Write":
                return Actions.file(Payloads.text(in, "file_path"), Mode.WRITE, cwd, Payloads.text(in, "content"), where);
            case "Edit":
                return Actions.file(Payloads.text(in, "file_path"), Mode.EDIT, cwd, Payloads.text(in, "new_string"), where);
            case "MultiEdit":
                StringBuilder sb = new StringBuilder();
                in.path("edits").forEach(e -> sb.append(e.path("new_string").asText("")).append('\n'));
                return Actions.file(Payloads.text(in, "file_path"), Mode.EDIT, cwd, sb.toString(), where);
            case "NotebookEdit":
                String nb = Payloads.firstText(in, "notebook_path", "file_path");
                return Actions.file(nb, Mode.EDIT, cwd, Payloads.text(in, "new_source"), where);
            case "WebFetch":
                return Actions.get(Payloads.text(in, "url"), where);
            default:
                return Actions.mcpDoubleUnderscore(tool, in);
        }
    }

    @Override
    public Reply reply(Request request, Resolution r) {
        JsonNode p = request.payload();
        String event = Payloads.text(p, "hook_event_name");
        Outcome out = Outcome.of(r);
        if (out == Outcome.ASK && !honoursAsk(p)) {
            out = Outcome.DENY;
        }
        if ("PermissionRequest".equals(event)) {
            // Claude is about to show its own dialog: approve/deny it, or stay silent and let the dialog ask.
            if (out == Outcome.APPROVED || out == Outcome.DENY) {
                ObjectNode decision = Payloads.obj();
                decision.put("behavior", out == Outcome.APPROVED ? "allow" : "deny");
                if (out == Outcome.DENY) {
                    decision.put("message", ReplyText.deny(r));
                    decision.put("interrupt", false);
                }
                return json("PermissionRequest", root -> root.set("decision", decision));
            }
            return passThrough();
        }
        return switch (out) {
            case NO_OBJECTION -> passThrough();
            case APPROVED -> decision("allow", ReplyText.approved(r));
            case ASK -> decision("ask", ReplyText.ask(r));
            case DENY -> decision("deny", ReplyText.deny(r));
        };
    }

    private static boolean honoursAsk(JsonNode p) {
        String mode = Payloads.text(p, "permission_mode");
        return !"bypassPermissions".equals(mode) && !"dontAsk".equals(mode);
    }

    private static Reply decision(String verdict, String reason) {
        return json("PreToolUse", h -> {
            h.put("permissionDecision", verdict);
            h.put("permissionDecisionReason", reason);
        });
    }

    private static Reply json(String event, java.util.function.Consumer<ObjectNode> fill) {
        ObjectNode h = Payloads.obj();
        h.put("hookEventName", event);
        fill.accept(h);
        return Payloads.hookSpecificOutput(h);
    }

    @Override
    public Reply passThrough() {
        return new Reply("", 0);
    }

    /** Exit 2 blocks PreToolUse whatever stdout says; on PermissionRequest it leaves Claude's own dialog up. */
    @Override
    public Reply failClosed(String reason) {
        return new Reply("", 2, reason);
    }
}
