package dev.interlock.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * Which agent really sent a hook payload (agent-integrations.md "Identify the host"): Cursor runs Claude Code's
 * hooks, Copilot reads {@code .claude/settings.json}, Gemini and Cursor export {@code CLAUDE_PROJECT_DIR}. The
 * subcommand in the config is therefore only a hint; the payload's shape and the environment decide.
 */
public final class HostDetector {
    private HostDetector() {
    }

    /** The agent whose protocol this payload is written in, by its distinctive fields. */
    public static Optional<String> protocolOf(JsonNode p) {
        if (p == null || !p.isObject()) {
            return Optional.empty();
        }
        if (p.has("clineVersion") || p.has("preToolUse") && p.has("taskId")) {
            return Optional.of("cline");
        }
        if (p.has("agent_action_name") && p.has("tool_info")) {
            return Optional.of("windsurf");
        }
        if (p.has("toolName") && (p.has("toolArgs") || p.has("sessionId"))) {
            return Optional.of("copilot");
        }
        if (p.has("amp_tool")) {
            return Optional.of("amp");
        }
        if (p.has("tool") && p.has("callID")) {
            return Optional.of("opencode");
        }
        String event = Payloads.text(p, "hook_event_name");
        if (event != null && Character.isLowerCase(event.charAt(0)) && (p.has("cursor_version") || p.has("conversation_id"))) {
            return Optional.of("cursor");
        }
        if ("BeforeTool".equals(event) || "AfterTool".equals(event)) {
            return Optional.of("gemini");
        }
        if (event != null && p.has("turn_id")) {
            return Optional.of("codex");
        }
        if (event != null && p.has("tool_name")) {
            return Optional.of("claude-code");
        }
        return Optional.empty();
    }

    /** The agent to record as the origin: Claude-format payloads sent by Cursor or Codex are attributed to them. */
    static String hostOf(JsonNode p, String fallback) {
        if (p.has("cursor_version") || p.has("conversation_id")) {
            return "cursor";
        }
        if (p.has("turn_id")) {
            return "codex";
        }
        return protocolOf(p).orElse(fallback);
    }

    /** The host named by environment variables the agents set for their hooks, where one is set. */
    public static Optional<String> fromEnvironment(Map<String, String> env) {
        if (env.containsKey("CURSOR_VERSION") || env.containsKey("CURSOR_PROJECT_DIR")) {
            return Optional.of("cursor");
        }
        if (env.containsKey("GEMINI_SESSION_ID") || env.containsKey("GEMINI_PROJECT_DIR")) {
            return Optional.of("gemini");
        }
        if ("amp".equals(env.get("AGENT")) || env.containsKey("AMP_THREAD_ID")) {
            return Optional.of("amp");
        }
        if (env.containsKey("CLAUDECODE") || env.containsKey("CLAUDE_CODE_ENTRYPOINT")) {
            return Optional.of("claude-code");
        }
        return Optional.empty();
    }
}
