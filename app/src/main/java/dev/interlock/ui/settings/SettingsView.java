package dev.interlock.ui.settings;

import atlantafx.base.theme.Styles;
import dev.interlock.config.Settings;
import dev.interlock.ui.hotkey.HotkeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Settings: how long an ask waits, which lifetime the pop-up preselects, the kill-switch hotkey, audit retention,
 * the proxy port, start at login. Saved to settings.json, which the guard reloads.
 */
public final class SettingsView {
    /** Saves the settings; returns the problems (empty when saved). */
    public interface Saver extends Function<Settings, List<String>> {
    }

    private final Supplier<Settings> current;
    private final Saver saver;
    private final Autostart autostart;
    private final VBox root = new VBox(12);
    private final Spinner<Integer> deadline = new Spinner<>(5, 3600, 120, 5);
    private final ChoiceBox<String> defaultGrant = new ChoiceBox<>();
    private final TextField hotkey = new TextField();
    private final Spinner<Integer> retentionDays = new Spinner<>(0, 36500, 365, 30);
    private final Spinner<Integer> retentionMb = new Spinner<>(0, 1_000_000, 512, 64);
    private final Spinner<Integer> proxyPort = new Spinner<>(1, 65535, 8788, 1);
    private final CheckBox startAtLogin = new CheckBox("Start Interlock when I log in");
    private final Label status = new Label();

    public SettingsView(Supplier<Settings> current, Saver saver, Autostart autostart) {
        this.current = current;
        this.saver = saver;
        this.autostart = autostart;
        root.setPadding(new Insets(16));
        root.setId("settings");
        defaultGrant.getItems().setAll("once", "minutes", "session", "always");
        defaultGrant.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null ? "" : switch (s) {
                    case "once" -> "Once";
                    case "minutes" -> "15 minutes";
                    case "session" -> "This agent session";
                    default -> "Always (never for critical)";
                };
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        for (Spinner<Integer> s : List.of(deadline, retentionDays, retentionMb, proxyPort)) {
            s.setEditable(true);
            s.setPrefWidth(130);
        }
        deadline.setId("settings-deadline");
        hotkey.setId("settings-hotkey");
        GridPane g = new GridPane();
        g.setHgap(14);
        g.setVgap(10);
        int r = 0;
        g.addRow(r++, label("Ask deadline (seconds)"), deadline, hint("An unanswered ask is denied after this."));
        g.addRow(r++, label("Pop-up preselects"), defaultGrant, hint("The lifetime picked when a pop-up opens."));
        g.addRow(r++, label("Kill-switch hotkey"), hotkey, hint("e.g. ctrl+alt+shift+K; freezes every agent."));
        g.addRow(r++, label("Keep audit for (days)"), retentionDays, hint("0 keeps everything."));
        g.addRow(r++, label("Audit size limit (MB)"), retentionMb, hint("Oldest events are pruned past this; 0 = none."));
        g.addRow(r++, label("HTTPS proxy port"), proxyPort, hint("127.0.0.1 only."));
        g.add(startAtLogin, 1, r++, 2, 1);
        Button save = new Button("Save");
        save.setId("settings-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(true);
        save.setOnAction(e -> save());
        status.setId("settings-status");
        status.setWrapText(true);
        Label title = new Label("Settings");
        title.getStyleClass().add(Styles.TITLE_3);
        root.getChildren().addAll(title, g, save, status);
        load();
    }

    public Node root() {
        return root;
    }

    public void load() {
        Settings s = current.get();
        deadline.getValueFactory().setValue(s.approvalDeadlineSeconds());
        defaultGrant.setValue(s.defaultGrant());
        hotkey.setText(s.hotkey());
        retentionDays.getValueFactory().setValue(s.retentionDays());
        retentionMb.getValueFactory().setValue(s.retentionMaxMb());
        proxyPort.getValueFactory().setValue(s.proxyPort());
        startAtLogin.setSelected(autostart.enabled());
        status.setText("");
    }

    public void save() {
        List<String> problems = new ArrayList<>();
        try {
            HotkeySpec.parse(hotkey.getText());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (problems.isEmpty()) {
            Settings s = current.get().copy()
                    .approvalDeadlineSeconds(commit(deadline))
                    .defaultGrant(defaultGrant.getValue())
                    .hotkey(hotkey.getText().trim())
                    .retentionDays(commit(retentionDays))
                    .retentionMaxMb(commit(retentionMb))
                    .proxyPort(commit(proxyPort));
            problems.addAll(saver.apply(s));
        }
        if (problems.isEmpty()) {
            try {
                if (startAtLogin.isSelected() != autostart.enabled()) {
                    autostart.set(startAtLogin.isSelected());
                }
            } catch (java.io.IOException e) {
                problems.add("start at login: " + e.getMessage());
            }
        }
        status.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
        status.getStyleClass().add(problems.isEmpty() ? Styles.SUCCESS : Styles.DANGER);
        status.setText(problems.isEmpty() ? "Saved. A new hotkey applies at the next start." : String.join("\n", problems));
    }

    public Label status() {
        return status;
    }

    private static int commit(Spinner<Integer> s) {
        try {
            s.getValueFactory().setValue(s.getValueFactory().getConverter().fromString(s.getEditor().getText()));
        } catch (RuntimeException ignored) {
            // keep the last valid value
        }
        return s.getValue();
    }

    private static Label label(String t) {
        return new Label(t);
    }

    private static Label hint(String t) {
        Label l = new Label(t);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        return l;
    }
}
