package dev.interlock.ui.packs;

import atlantafx.base.theme.Styles;
import dev.interlock.policy.PackException;
import dev.interlock.policy.UserPack;
import dev.interlock.ui.fx.Theme;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.yaml.snakeyaml.Yaml;

/**
 * Edits a draft rule (made from an audit event) and adds it to the user's own pack after checking that the pack
 * still loads and every example of every rule passes; nothing is written otherwise.
 */
public final class RuleDialog {
    private final Path userPack;
    private final Runnable reload;
    private final Stage stage = new Stage();
    private final TextArea editor = new TextArea();
    private final Label status = new Label();

    public RuleDialog(Path userPack, Runnable reload, String draftYaml) {
        this.userPack = userPack;
        this.reload = reload;
        stage.setTitle("Interlock — new rule");
        editor.setText(draftYaml);
        editor.getStyleClass().add("mono");
        editor.setId("rule-editor");
        VBox.setVgrow(editor, Priority.ALWAYS);
        Label intro = new Label("A rule that asks about exactly this action next time. Edit it (verdict: allow, ask or "
                + "deny; the examples must keep passing), then add it to " + userPack + ".");
        intro.setWrapText(true);
        Button check = new Button("Check");
        check.setOnAction(e -> check());
        Button add = new Button("Add to my pack");
        add.setId("rule-add");
        add.getStyleClass().add(Styles.ACCENT);
        add.setOnAction(e -> add());
        status.setWrapText(true);
        status.setId("rule-status");
        VBox root = new VBox(10, intro, editor, new HBox(8, check, add), status);
        root.setPadding(new Insets(14));
        Scene scene = new Scene(root, 720, 560);
        Theme.style(scene);
        stage.setScene(scene);
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    /** Loads the user pack with the edited rules added and runs every example; returns the new YAML. */
    String merged() throws PackException, IOException {
        Object parsed = new Yaml().load(editor.getText());
        List<Object> newRules = new ArrayList<>();
        if (parsed instanceof List<?> l) {
            newRules.addAll(l);
        } else if (parsed instanceof Map<?, ?> m) {
            newRules.add(m);
        } else {
            throw new PackException(userPack.toString(), 1, null, "expected one rule (a mapping) or a list of rules");
        }
        UserPack.Draft draft = UserPack.withRules(userPack, newRules);
        if (!draft.report().passed()) {
            throw new PackException(userPack.toString(), 1, null, draft.report().failures().get(0).describe());
        }
        return draft.yaml();
    }

    public boolean check() {
        try {
            merged();
            ok("The rule loads and its examples pass.");
            return true;
        } catch (PackException | IOException | RuntimeException e) {
            fail(e.getMessage());
            return false;
        }
    }

    public boolean add() {
        try {
            String yaml = merged();
            UserPack.save(userPack, yaml);
            reload.run();
            ok("Added to " + userPack + ". It applies to the next action.");
            return true;
        } catch (PackException | IOException | RuntimeException e) {
            fail("Not added: " + e.getMessage());
            return false;
        }
    }

    public TextArea editor() {
        return editor;
    }

    public Label status() {
        return status;
    }

    private void ok(String t) {
        status.getStyleClass().removeAll(Styles.DANGER);
        status.getStyleClass().add(Styles.SUCCESS);
        status.setText(t);
    }

    private void fail(String t) {
        status.getStyleClass().removeAll(Styles.SUCCESS);
        status.getStyleClass().add(Styles.DANGER);
        status.setText(t);
    }
}
