package dev.interlock.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.config.DataDir;
import dev.interlock.config.Settings;
import dev.interlock.ui.fx.Fx;
import dev.interlock.ui.fx.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class SettingsViewTest {
    @TempDir
    Path tmp;
    private Stage stage;

    @Start
    void start(Stage stage) {
        Theme.apply();
        this.stage = stage;
    }

    @Test
    void savesToSettingsJsonRefusesABadHotkeyAndWritesTheAutostartEntry(FxRobot robot) throws Exception {
        DataDir dir = new DataDir(tmp.resolve("home"));
        Autostart autostart = new Autostart(tmp.resolve("autostart/interlock.desktop"), "/opt/interlock/bin/interlock");
        SettingsView view = Fx.await(() -> {
            SettingsView v = new SettingsView(() -> Settings.load(dir).settings(), s -> {
                List<String> problems = s.validate().stream().map(Settings.Problem::toString).toList();
                if (problems.isEmpty()) {
                    try {
                        s.save(dir);
                    } catch (java.io.IOException e) {
                        return List.of(e.getMessage());
                    }
                }
                return problems;
            }, autostart);
            stage.setScene(new Scene((Parent) v.root(), 800, 600));
            stage.show();
            return v;
        });
        robot.doubleClickOn("#settings-hotkey").eraseText(30).write("shift+K");
        robot.clickOn("#settings-save");
        assertTrue(view.status().getText().contains("needs ctrl, alt or meta"), view.status().getText());
        assertFalse(Files.exists(dir.settings()), "nothing saved while something is wrong");

        robot.doubleClickOn("#settings-hotkey").eraseText(30).write("ctrl+alt+F9");
        Fx.await(() -> {
            ((javafx.scene.control.Spinner<?>) stage.getScene().lookup("#settings-deadline")).getEditor().setText("45");
            ((javafx.scene.control.CheckBox) stage.getScene().getRoot().lookupAll(".check-box").iterator().next()).setSelected(true);
            return null;
        });
        robot.clickOn("#settings-save");
        assertEquals("Saved. A new hotkey applies at the next start.", view.status().getText());
        Settings saved = Settings.load(dir).settings();
        assertEquals(45, saved.approvalDeadlineSeconds());
        assertEquals("ctrl+alt+F9", saved.hotkey());
        assertTrue(Files.readString(autostart.entry()).contains("Exec=\"/opt/interlock/bin/interlock\""));
    }
}
