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
 * OpenAI Codex CLI {@code PreToolUse} and {@code PermissionRequest} hooks (agent-integrations.md §4). Codex has no
 * hook "ask" (it fails open), so an ask is always a deny; allow is silence.
 */
public final class CodexAdapter implements HookAdapter {
    static final String AGENT = "codex";

    @Override
    public String agent() {
        return AGENT;
    }

    @Override
    public List<Request> parseAll(JsonNode p) {
        String event = Payloads.required(p, "hook_event_name", AGENT);
        if (!event.equals("PreToolUse") && !event.equals("PermissionRequest")) {
            return List.of();
        }
        String tool = Payloads.required(p, "tool_name", AGENT + " " + event);
        String where = AGENT + " " + tool;
        JsonNode in = Payloads.object(p, "tool_input", where);
        String cwd = Payloads.text(p, "cwd");
        List<Action> actions = new ArrayList<>();
        switch (tool) {
            case "Bash", "shell", "local_shell", "exec_command" -> actions.add(Actions.shell(command(in, where), cwd, where));
            case "apply_patch", "Edit", "Write" -> actions.addAll(patch(command(in, where), cwd, where));
            default -> {
                Action m = Actions.mcpDoubleUnderscore(tool, in);
                if (m != null) {
                    actions.add(m);
                }
            }
        }
        Origin o = new Origin(AGENT, Payloads.text(p, "session_id"), Payloads.text(p, "tool_use_id"), cwd, null);
        return actions.stream().map(a -> new Request(a, o, p)).toList();
    }

    /** {@code command} is a string, or an argv like {@code ["bash","-lc","…"]}. */
    private static String command(JsonNode in, String where) {
        JsonNode c = in.get("command");
        if (c != null && c.isTextual()) {
            return c.asText();
        }
        if (c != null && c.isArray() && !c.isEmpty()) {
            List<String> argv = new ArrayList<>();
            c.forEach(n -> argv.add(n.asText()));
            if (argv.size() == 3 && argv.get(0).matches("(.*/)?(ba|z)?sh") && argv.get(1).matches("-l?c")) {
                return argv.get(2);
            }
            StringBuilder sb = new StringBuilder();
            for (String a : argv) {
                sb.append(sb.isEmpty() ? "" : " ").append(a.matches("[A-Za-z0-9_./=:@%+,-]+") ? a
                        : "'" + a.replace("'", "'\\''") + "'");
            }
            return sb.toString();
        }
        throw new IllegalArgumentException(where + ": missing tool_input.command");
    }

    /** One file action per file in an {@code apply_patch} envelope ({@code *** Add|Update|Delete File: path}). */
    static List<Action> patch(String text, String cwd, String where) {
        List<Action> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            Mode mode = l.startsWith("*** Add File: ") ? Mode.WRITE : l.startsWith("*** Update File: ") ? Mode.EDIT
                    : l.startsWith("*** Delete File: ") ? Mode.DELETE : null;
            if (mode == null) {
                continue;
            }
            String path = l.substring(l.indexOf(':') + 1).trim();
            StringBuilder added = new StringBuilder();
            for (int j = i + 1; j < lines.length && !lines[j].startsWith("*** "); j++) {
                if (lines[j].startsWith("+")) {
                    added.append(lines[j], 1, lines[j].length()).append('\n');
                }
            }
            out.add(Actions.file(path, mode, cwd, mode == Mode.DELETE ? null : added.toString(), where));
            if (i + 1 < lines.length && lines[i + 1].startsWith("*** Move to: ")) {
                out.add(Actions.file(lines[i + 1].substring(13).trim(), Mode.WRITE, cwd, added.toString(), where));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(where + ": patch names no file (no '*** Add/Update/Delete File:' line)");
        }
        return out;
    }

    @Override
    public Reply reply(Request request, Resolution r) {
        Outcome out = Outcome.of(r);
        boolean permission = "PermissionRequest".equals(Payloads.text(request.payload(), "hook_event_name"));
        if (out == Outcome.ASK) {
            out = Outcome.DENY;
        }
        ObjectNode h = Payloads.obj();
        if (permission) {
            if (out == Outcome.NO_OBJECTION) {
                return passThrough(); // Codex shows its own approval prompt
            }
            h.put("hookEventName", "PermissionRequest");
            ObjectNode d = h.putObject("decision");
            d.put("behavior", out == Outcome.APPROVED ? "allow" : "deny");
            if (out == Outcome.DENY) {
                d.put("message", ReplyText.deny(r));
            }
        } else {
            if (out != Outcome.DENY) {
                return passThrough();
            }
            h.put("hookEventName", "PreToolUse");
            h.put("permissionDecision", "deny");
            h.put("permissionDecisionReason", ReplyText.deny(r));
        }
        return Payloads.hookSpecificOutput(h);
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
