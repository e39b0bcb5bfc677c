package dev.interlock.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingFileGivesTheDefaults() {
        Settings.Loaded l = Settings.load(tmp.resolve("settings.json"));
        assertTrue(l.ok());
        assertEquals(120, l.settings().approvalDeadlineSeconds());
        assertEquals(600, l.settings().tokenTtlSeconds());
    }

    @Test
    void badJsonNamesTheFileAndLineAndFallsBackToDefaults() throws Exception {
        Path f = tmp.resolve("settings.json");
        Files.writeString(f, "{\n  \"approvalDeadlineSeconds\": 30,\n  oops\n}");
        Settings.Loaded l = Settings.load(f);
        assertEquals(1, l.problems().size());
        String msg = l.problems().get(0).toString();
        assertTrue(msg.contains(f.toString()) && msg.contains("line 3"), msg);
        assertEquals(120, l.settings().approvalDeadlineSeconds());
    }

    @Test
    void aBadFieldCostsOnlyThatField() throws Exception {
        Path f = tmp.resolve("settings.json");
        Files.writeString(f, "{\"approvalDeadlineSeconds\": \"soon\", \"retentionDays\": 7, \"tokenTtlSeconds\": 0,"
                + " \"disabled\": [\"git/push-force\"]}");
        Settings.Loaded l = Settings.load(f);
        assertEquals(2, l.problems().size(), l.problems().toString());
        assertTrue(l.problems().get(0).toString().contains("field 'approvalDeadlineSeconds'"), l.problems().toString());
        assertTrue(l.problems().get(1).toString().contains("field 'tokenTtlSeconds'"), l.problems().toString());
        assertEquals(120, l.settings().approvalDeadlineSeconds());
        assertEquals(600, l.settings().tokenTtlSeconds());
        assertEquals(7, l.settings().retentionDays());
        assertEquals(java.util.Set.of("git/push-force"), l.settings().disabled());
    }

    @Test
    void unknownKeysSurviveASave() throws Exception {
        Path f = tmp.resolve("settings.json");
        Files.writeString(f, "{\"proxyPort\": 9999, \"fromTheFuture\": {\"a\": [1, 2]}}");
        Settings s = Settings.load(f).settings();
        assertEquals(9999, s.proxyPort());
        s.approvalDeadlineSeconds(45).disabled(List.of("x"));
        s.save(f);
        String text = Files.readString(f);
        assertTrue(text.contains("fromTheFuture"), text);
        Settings back = Settings.load(f).settings();
        assertEquals(45, back.approvalDeadlineSeconds());
        assertEquals(9999, back.proxyPort());
        assertTrue(back.unknown().containsKey("fromTheFuture"));
        assertEquals(45, back.copy().approvalDeadlineSeconds());
    }
}
