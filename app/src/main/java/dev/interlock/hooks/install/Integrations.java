package dev.interlock.hooks.install;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every agent {@code interlock install} knows, with the config locations of agent-integrations.md. */
public final class Integrations {
    private Integrations() {
    }

    public static List<Integration> all() {
        return List.of(claudeCode(), cursor(), gemini(), codex(), copilot(), cline(), windsurf(), new AmpPermissions(),
                opencode());
    }

    public static Optional<Integration> forAgent(String agent) {
        return all().stream().filter(i -> i.agent().equals(agent)).findFirst();
    }

    static Integration claudeCode() {
        return new GroupedHooks("claude-code", "Claude Code", List.of("claude"), ".claude", ".claude/settings.json",
                ".claude/settings.json", List.of("PreToolUse", "SessionEnd"), "*", (h, t) -> {
                    h.put("type", "command");
                    h.put("command", t.command("claude-code"));
                    h.put("timeout", t.timeoutSeconds());
                }, "");
    }

    static Integration gemini() {
        return new GroupedHooks("gemini", "Gemini CLI", List.of("gemini"), ".gemini", ".gemini/settings.json",
                ".gemini/settings.json", List.of("BeforeTool"), "*", (h, t) -> {
                    h.put("type", "command");
                    h.put("name", "interlock");
                    h.put("command", t.command("gemini"));
                    h.put("timeout", t.timeoutSeconds() * 1000L);
                }, "");
    }

    static Integration codex() {
        return new GroupedHooks("codex", "OpenAI Codex CLI", List.of("codex"), ".codex", ".codex/hooks.json",
                ".codex/hooks.json", List.of("PreToolUse", "PermissionRequest"), null, (h, t) -> {
                    h.put("type", "command");
                    h.put("command", t.command("codex"));
                    h.put("timeout", t.timeoutSeconds());
                }, "Codex runs new hooks only after you review and trust them: open Codex and run /hooks.");
    }

    static Integration cursor() {
        Map<String, Map<String, String>> events = new LinkedHashMap<>();
        events.put("beforeShellExecution", Map.of());
        events.put("beforeMCPExecution", Map.of());
        events.put("beforeReadFile", Map.of());
        events.put("preToolUse", Map.of("matcher", "Write|Delete"));
        return new FlatHooks("cursor", "Cursor", List.of("cursor-agent", "cursor"), ".cursor", ".cursor/hooks.json",
                ".cursor/hooks.json", events, (h, t) -> {
                    h.put("command", t.command("cursor"));
                    h.put("timeout", t.timeoutSeconds());
                    h.put("failClosed", true);
                }, true);
    }

    static Integration windsurf() {
        Map<String, Map<String, String>> events = new LinkedHashMap<>();
        for (String e : List.of("pre_run_command", "pre_read_code", "pre_write_code", "pre_mcp_tool_use")) {
            events.put(e, Map.of());
        }
        return new FlatHooks("windsurf", "Windsurf (Cascade)", List.of("windsurf"), ".codeium/windsurf",
                ".codeium/windsurf/hooks.json", ".windsurf/hooks.json", events, (h, t) -> {
                    h.put("command", t.command("windsurf"));
                    h.put("show_output", false);
                }, false);
    }

    static Integration copilot() {
        return new OwnFile("copilot", "GitHub Copilot CLI", List.of("copilot"), ".copilot",
                ".copilot/hooks/interlock.json", ".github/hooks/interlock.json", t -> {
                    ObjectNode root = JsonConfig.JSON.createObjectNode();
                    root.put("version", 1);
                    ObjectNode h = root.putObject("hooks").putArray("preToolUse").addObject();
                    h.put("type", "command");
                    h.put("bash", t.command("copilot"));
                    h.put("powershell", t.plainCommand("copilot", "interlock-hook.cmd"));
                    h.put("timeoutSec", t.timeoutSeconds());
                    return JsonConfig.write(root);
                }, false, "");
    }

    static Integration cline() {
        return new OwnFile("cline", "Cline", List.of("cline"), "Documents/Cline", "Documents/Cline/Hooks/PreToolUse",
                ".clinerules/hooks/PreToolUse", t -> "#!/bin/sh\n"
                        + "# Installed by Interlock (`interlock uninstall cline` removes it): every Cline tool call is checked.\n"
                        + "exec " + t.command("cline") + "\n",
                true, "For the Cline CLI, enable hooks with hooks-enabled=true.");
    }

    static Integration opencode() {
        return new OwnFile("opencode", "OpenCode", List.of("opencode"), ".config/opencode",
                ".config/opencode/plugins/interlock.js", ".opencode/plugins/interlock.js", t -> template()
                        .replace("__CLIENT__", jsString(t.client().toString()))
                        .replace("__DATA_DIR__", jsString(dev.interlock.config.DataDir.resolve().root().toString()))
                        .replace("__BUDGET_MS__", Integer.toString((t.timeoutSeconds() - HookTarget.CLIENT_MARGIN) * 1000)),
                false, "");
    }

    private static String template() {
        try (InputStream in = Integrations.class.getResourceAsStream("opencode-plugin.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jsString(String s) {
        return JsonConfig.write(JsonConfig.JSON.getNodeFactory().textNode(s)).strip();
    }
}
