package dev.interlock.hooks.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlock.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code interlock install / uninstall} on real files in a temp home directory. */
class InstallTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path home;
    Path client;

    @BeforeEach
    void client() throws IOException {
        client = home.resolve("opt/interlock/share/hooks/interlock-hook");
        Files.createDirectories(client.getParent());
        Files.writeString(client, "#!/bin/sh\n");
        client.toFile().setExecutable(true);
    }

    int install(String... more) {
        return Main.run(Stream.concat(Stream.of("install"), Stream.concat(Stream.of(more),
                Stream.of("--home", home.toString(), "--client", client.toString()))).toArray(String[]::new));
    }

    int uninstall(String... more) {
        return Main.run(Stream.concat(Stream.of("uninstall"), Stream.concat(Stream.of(more),
                Stream.of("--home", home.toString()))).toArray(String[]::new));
    }

    List<Path> backups(Path file) throws IOException {
        try (Stream<Path> s = Files.list(file.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(file.getFileName() + ".interlock-backup-")).toList();
        }
    }

    static JsonNode read(Path p) throws IOException {
        return JSON.readTree(Files.readString(p));
    }

    static final String CLAUDE_SETTINGS = """
            {
              "model": "opus",
              "permissions": {"allow": ["Bash(npm test)"], "deny": ["Read(./.env)"]},
              "hooks": {
                "PreToolUse": [
                  {"matcher": "Bash", "hooks": [{"type": "command", "command": "~/bin/lint-guard.sh"}]}
                ],
                "PostToolUse": [
                  {"matcher": "Write", "hooks": [{"type": "command", "command": "prettier --write"}]}
                ]
              },
              "env": {"FOO": "bar"}
            }
            """;

    @Test
    void claudeCodeInstallIsIdempotentPreservesAndBacksUp() throws IOException {
        Path settings = home.resolve(".claude/settings.json");
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, CLAUDE_SETTINGS);

        assertEquals(0, install("claude-code"));
        JsonNode after = read(settings);
        assertEquals("opus", after.get("model").asText());
        assertEquals("bar", after.at("/env/FOO").asText());
        assertEquals("Read(./.env)", after.at("/permissions/deny/0").asText());
        assertEquals("~/bin/lint-guard.sh", after.at("/hooks/PreToolUse/0/hooks/0/command").asText(), "user hook kept first");
        assertEquals("prettier --write", after.at("/hooks/PostToolUse/0/hooks/0/command").asText());
        JsonNode ours = after.at("/hooks/PreToolUse/1");
        assertEquals("*", ours.get("matcher").asText());
        assertEquals(viaBash(client) + " claude-code", ours.at("/hooks/0/command").asText(),
                "the POSIX client runs under bash directly where there is one (one interpreter start, not two)");
        assertTrue(ours.at("/hooks/0/timeout").asInt() > 120, "timeout must exceed the approval deadline");
        assertEquals(viaBash(client) + " claude-code", after.at("/hooks/SessionEnd/0/hooks/0/command").asText(),
                "SessionEnd ends the session's grants");
        List<String> keys = new java.util.ArrayList<>();
        after.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("model", "permissions", "hooks", "env"), keys, "key order kept");
        assertEquals(1, backups(settings).size());
        assertEquals(CLAUDE_SETTINGS, Files.readString(backups(settings).get(0)));

        String once = Files.readString(settings);
        assertEquals(0, install("claude-code"));
        assertEquals(once, Files.readString(settings), "second install changes nothing");
        assertEquals(1, backups(settings).size(), "and makes no second backup");

        assertEquals(0, install("claude-code", "--timeout", "900"));
        assertEquals(2, read(settings).at("/hooks/PreToolUse").size(), "re-install replaces, never duplicates");
        assertEquals(viaBash(client) + " claude-code 885", read(settings).at("/hooks/PreToolUse/1/hooks/0/command").asText());

        assertEquals(0, uninstall("claude-code"));
        assertEquals(JSON.readTree(CLAUDE_SETTINGS), read(settings), "uninstall restores the original content");
        assertEquals(0, uninstall("claude-code"));
    }

    @Test
    void timeoutShorterThanTheApprovalDeadlineIsRefused() {
        assertEquals(2, install("claude-code", "--timeout", "100"));
        assertFalse(Files.exists(home.resolve(".claude/settings.json")));
    }

    @Test
    void doctorProbeSeesWiringVersionAndWhatIsMissing() throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path claude = bin.resolve("claude");
        Files.writeString(claude, "#!/bin/sh\necho '2.1.240 (Claude Code)'\n");
        claude.toFile().setExecutable(true);
        Files.createDirectories(home.resolve(".gemini"));
        Integration cc = Integrations.forAgent("claude-code").orElseThrow();
        AgentProbe before = AgentProbe.probe(cc, home, bin.toString(), java.util.Optional.empty());
        assertTrue(before.found());
        assertFalse(before.wired());
        assertEquals(java.util.Optional.of("2.1.240 (Claude Code)"), before.version());
        assertTrue(before.missing().get(0).contains("interlock install claude-code"), before.missing().toString());

        assertEquals(0, install("claude-code"));
        AgentProbe after = AgentProbe.probe(cc, home, bin.toString(), java.util.Optional.empty());
        assertTrue(after.wired());
        assertTrue(after.missing().isEmpty(), after.missing().toString());
        Files.delete(client);
        assertTrue(AgentProbe.probe(cc, home, bin.toString(), java.util.Optional.empty()).missing().get(0)
                .contains("missing or not executable"));

        AgentProbe gemini = AgentProbe.probe(Integrations.forAgent("gemini").orElseThrow(), home, bin.toString(),
                java.util.Optional.empty());
        assertTrue(gemini.found(), "found by its config directory");
        assertTrue(gemini.version().isEmpty());
        assertFalse(AgentProbe.probe(Integrations.forAgent("cursor").orElseThrow(), home, bin.toString(),
                java.util.Optional.empty()).found());
    }

    @Test
    void fileWithCommentsIsRefusedAndLeftAlone() throws IOException {
        Path settings = home.resolve(".gemini/settings.json");
        Files.createDirectories(settings.getParent());
        String jsonc = "{\n  // my theme\n  \"theme\": \"dark\",\n}\n";
        Files.writeString(settings, jsonc);
        assertEquals(2, install("gemini"));
        assertEquals(jsonc, Files.readString(settings));
        assertTrue(backups(settings).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-code", "cursor", "gemini", "codex", "copilot", "cline", "windsurf", "amp", "opencode"})
    void everyAgentInstallsIntoAFreshHomeAndUninstallsCleanly(String agent) throws IOException {
        Integration i = Integrations.forAgent(agent).orElseThrow();
        Path file = i.userFile(home);
        assertEquals(0, install(agent));
        String text = Files.readString(file);
        assertTrue(i.isWired(text), text);
        assertTrue(text.contains(client.toString()) || text.contains(client.resolveSibling("interlock-amp").toString()), text);
        assertEquals(0, install(agent));
        assertEquals(text, Files.readString(file));
        assertEquals(0, uninstall(agent));
        assertFalse(Files.exists(file) && i.isWired(Files.readString(file)));
    }

    @Test
    void cursorKeepsOtherHooksAndVersion() throws IOException {
        Path f = home.resolve(".cursor/hooks.json");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "{\"version\":1,\"hooks\":{\"afterFileEdit\":[{\"command\":\"./format.sh\"}],"
                + "\"beforeShellExecution\":[{\"command\":\"./audit.sh\",\"timeout\":5}]}}");
        assertEquals(0, install("cursor"));
        JsonNode n = read(f);
        assertEquals(1, n.get("version").asInt());
        assertEquals("./format.sh", n.at("/hooks/afterFileEdit/0/command").asText());
        assertEquals("./audit.sh", n.at("/hooks/beforeShellExecution/0/command").asText());
        assertEquals(viaBash(client) + " cursor", n.at("/hooks/beforeShellExecution/1/command").asText());
        assertEquals("Write|Delete", n.at("/hooks/preToolUse/0/matcher").asText());
        assertEquals(0, uninstall("cursor"));
        assertEquals(JSON.readTree("{\"version\":1,\"hooks\":{\"afterFileEdit\":[{\"command\":\"./format.sh\"}],"
                + "\"beforeShellExecution\":[{\"command\":\"./audit.sh\",\"timeout\":5}]}}"), read(f));
    }

    @Test
    void ampRuleGoesFirstAndOthersStay() throws IOException {
        Path f = home.resolve(".config/amp/settings.json");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "{\"amp.permissions\":[{\"tool\":\"Bash\",\"matches\":{\"cmd\":\"git status\"},\"action\":\"allow\"}],"
                + "\"amp.theme\":\"x\"}");
        assertEquals(0, install("amp"));
        JsonNode n = read(f);
        assertEquals("delegate", n.at("/amp.permissions/0/action").asText());
        assertEquals(client.resolveSibling("interlock-amp").toString(), n.at("/amp.permissions/0/to").asText());
        assertEquals("allow", n.at("/amp.permissions/1/action").asText());
        assertEquals(2, install("amp", "--project", home.toString()), "Amp has no documented project config");
    }

    @Test
    void ownFilesNeverClobberSomeoneElses() throws IOException {
        Path script = home.resolve("Documents/Cline/Hooks/PreToolUse");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\necho '{\"cancel\":false}'\n");
        assertEquals(2, install("cline"));
        assertEquals("#!/bin/sh\necho '{\"cancel\":false}'\n", Files.readString(script));
        assertEquals(0, uninstall("cline"));
        assertTrue(Files.exists(script), "not ours: uninstall leaves it");
    }

    @Test
    void projectLevelUsesTheProjectsFile() throws IOException {
        Path project = Files.createDirectories(home.resolve("src/app"));
        assertEquals(0, install("claude-code", "--project", project.toString()));
        assertTrue(Files.exists(project.resolve(".claude/settings.json")));
        assertFalse(Files.exists(home.resolve(".claude/settings.json")));
        assertEquals(0, install("cline", "--project", project.toString()));
        assertTrue(Files.isExecutable(project.resolve(".clinerules/hooks/PreToolUse")));
    }

    @Test
    void symlinkedSettingsStayASymlink() throws IOException {
        Path real = home.resolve("dotfiles/claude-settings.json");
        Files.createDirectories(real.getParent());
        Files.writeString(real, "{\"model\":\"opus\"}");
        Path link = home.resolve(".claude/settings.json");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, real);
        assertEquals(0, install("claude-code"));
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Integrations.claudeCode().isWired(Files.readString(real)));
    }

    private static String viaBash(Object client) {
        return (java.nio.file.Files.isExecutable(java.nio.file.Path.of("/bin/bash")) ? "/bin/bash " : "") + client;
    }
}
