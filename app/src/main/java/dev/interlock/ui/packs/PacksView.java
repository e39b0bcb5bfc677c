package dev.interlock.ui.packs;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import dev.interlock.action.Action;
import dev.interlock.policy.Decision;
import dev.interlock.policy.Pack;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.Rule;
import dev.interlock.policy.RuleMatch;
import dev.interlock.ui.prompt.SafeText;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The packs and their rules, each with an on/off switch (locked packs cannot be switched off), and a live test
 * box: type a command or {@code METHOD URL [body]} and see what the same engine as {@code interlock check}
 * decides, as you type.
 */
public final class PacksView {
    private final Supplier<PolicyEngine> engine;
    private final Supplier<Set<String>> disabled;
    private final Consumer<Set<String>> saveDisabled;
    private final BorderPane root = new BorderPane();
    private final VBox list = new VBox(6);
    private final TextArea testInput = new TextArea();
    private final VBox testResult = new VBox(4);
    private final Label saveStatus = new Label();
    private final javafx.scene.control.TextField filter = new javafx.scene.control.TextField();

    public PacksView(Supplier<PolicyEngine> engine, Supplier<Set<String>> disabled, Consumer<Set<String>> saveDisabled) {
        this.engine = engine;
        this.disabled = disabled;
        this.saveDisabled = saveDisabled;
        testInput.setId("packs-test-input");
        testInput.setPromptText("Type a command (railway volume delete --volume 3f6c) or a request "
                + "(POST https://backboard.railway.app/graphql/v2 {\"query\":\"mutation { volumeDelete(volumeId: \\\"v1\\\") }\"})");
        testInput.setPrefRowCount(3);
        testInput.setWrapText(true);
        testInput.getStyleClass().add("mono");
        PauseTransition debounce = new PauseTransition(javafx.util.Duration.millis(200));
        debounce.setOnFinished(e -> test());
        testInput.textProperty().addListener((o, a, b) -> debounce.playFromStart());
        testResult.setId("packs-test-result");
        Label testTitle = new Label("Try it");
        testTitle.getStyleClass().addAll(Styles.TEXT_BOLD);
        VBox top = new VBox(6, testTitle, testInput, testResult);
        top.setPadding(new Insets(12));
        root.setTop(top);
        list.setPadding(new Insets(0, 12, 12, 12));
        ScrollPane sp = new ScrollPane(list);
        sp.setFitToWidth(true);
        filter.setId("packs-filter");
        filter.setPromptText("Filter packs and rules (railway, force-push, critical…)");
        filter.textProperty().addListener((o, a, b) -> reload());
        VBox center = new VBox(8, filter, sp);
        VBox.setMargin(filter, new Insets(0, 12, 0, 12));
        VBox.setVgrow(sp, Priority.ALWAYS);
        root.setCenter(center);
        saveStatus.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        saveStatus.setPadding(new Insets(4, 12, 6, 12));
        root.setBottom(saveStatus);
        reload();
    }

    public Node root() {
        return root;
    }

    public TextArea testInput() {
        return testInput;
    }

    public VBox testResult() {
        return testResult;
    }

    /** Re-reads packs and switches from the engine and the settings. */
    public void reload() {
        list.getChildren().clear();
        Set<String> off = disabled.get();
        int rules = 0;
        String q = filter.getText() == null ? "" : filter.getText().trim().toLowerCase(java.util.Locale.ROOT);
        for (Pack p : engine.get().packs()) {
            rules += p.rules().size();
            if (q.isEmpty() || matches(p, q)) {
                Node pane = packPane(p, off);
                ((TitledPane) pane).setExpanded(!q.isEmpty());
                list.getChildren().add(pane);
            }
        }
        saveStatus.setText(engine.get().packs().size() + " packs, " + rules + " rules. Switches take effect at once; "
                + "they are saved in settings.json.");
        test();
    }

    private static boolean matches(Pack p, String q) {
        if ((p.name() + " " + p.title() + " " + p.description()).toLowerCase(java.util.Locale.ROOT).contains(q)) {
            return true;
        }
        return p.rules().stream().anyMatch(r -> (r.id() + " " + r.severity().word() + " " + r.explain())
                .toLowerCase(java.util.Locale.ROOT).contains(q));
    }

    public javafx.scene.control.TextField filter() {
        return filter;
    }

    private Node packPane(Pack p, Set<String> off) {
        VBox rules = new VBox(4);
        boolean packOn = !off.contains(p.name()) || p.locked();
        for (Rule r : p.rules()) {
            ToggleSwitch sw = new ToggleSwitch();
            sw.setId("rule-" + r.qualifiedId());
            sw.setSelected(p.locked() || !off.contains(r.qualifiedId()));
            sw.setDisable(p.locked() || !packOn);
            sw.selectedProperty().addListener((o, a, on) -> toggle(r.qualifiedId(), on));
            Label id = new Label(r.id());
            id.getStyleClass().addAll("mono", Styles.TEXT_SMALL, Styles.TEXT_BOLD);
            Label sev = new Label(r.severity().word() + " · " + r.verdict().word());
            sev.getStyleClass().addAll("badge", "badge-small", "badge-" + r.severity().word());
            Label explain = new Label(r.explain());
            explain.setWrapText(true);
            explain.getStyleClass().add(Styles.TEXT_SMALL);
            VBox text = new VBox(2, new HBox(8, id, sev), explain);
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox row = new HBox(10, sw, text);
            row.setAlignment(Pos.TOP_LEFT);
            rules.getChildren().add(row);
        }
        ToggleSwitch packSwitch = new ToggleSwitch();
        packSwitch.setId("pack-" + p.name());
        packSwitch.setSelected(packOn);
        packSwitch.setDisable(p.locked());
        packSwitch.selectedProperty().addListener((o, a, on) -> toggle(p.name(), on));
        Label title = new Label(p.title() + "  (" + p.rules().size() + (p.rules().size() == 1 ? " rule)" : " rules)"));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Label lock = new Label(p.locked() ? "locked: protects Interlock itself" : "");
        lock.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        if (p.locked()) {
            lock.setGraphic(new FontIcon(Feather.LOCK));
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(10, packSwitch, title, spacer, lock);
        head.setAlignment(Pos.CENTER_LEFT);
        Label desc = new Label(p.description());
        desc.setWrapText(true);
        desc.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        VBox content = new VBox(8, desc, rules);
        TitledPane tp = new TitledPane();
        tp.setGraphic(head);
        tp.setContent(content);
        tp.setExpanded(false);
        tp.setId("packpane-" + p.name());
        return tp;
    }

    private void toggle(String id, boolean on) {
        Set<String> off = new LinkedHashSet<>(disabled.get());
        if (on) {
            off.remove(id);
        } else {
            off.add(id);
        }
        saveDisabled.accept(off);
        saveStatus.setText((on ? "Switched on: " : "Switched off: ") + id);
        test();
    }

    /** Evaluates the test box with the current engine. */
    public void test() {
        testResult.getChildren().clear();
        String text = testInput.getText();
        if (text == null || text.isBlank()) {
            return;
        }
        Action a = LiveTest.parse(text, System.getProperty("user.home"));
        Decision d = engine.get().evaluate(a);
        Label verdict = new Label(d.verdict().word().toUpperCase(java.util.Locale.ROOT)
                + (d.matches().isEmpty() ? "  ·  no rule matched" : "  ·  " + d.severity().word()));
        verdict.setId("packs-test-verdict");
        verdict.getStyleClass().addAll(Styles.TEXT_BOLD, "verdict-" + d.verdict().word());
        Label kind = new Label("read as " + a.kind() + ": " + SafeText.oneLine(a.summary()));
        kind.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        kind.setWrapText(true);
        testResult.getChildren().addAll(verdict, kind);
        for (RuleMatch m : d.matches()) {
            Label l = new Label(m.qualifiedId() + " (" + m.severity().word() + ", " + m.verdict().word() + "): " + m.explain()
                    + (m.span() != null ? "  — matched “" + SafeText.oneLine(m.span().text()) + "”" : ""));
            l.setWrapText(true);
            l.getStyleClass().add(Styles.TEXT_SMALL);
            testResult.getChildren().add(l);
        }
    }
}
