package dev.interlock.ui.prompt;

import atlantafx.base.theme.Styles;
import dev.interlock.broker.Grant;
import dev.interlock.broker.HumanAnswer;
import dev.interlock.broker.PendingApproval;
import dev.interlock.policy.Decision;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Severity;
import dev.interlock.ui.fx.Fx;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The confirmation pop-up's content: the queue on the left (when more than one approval waits), the current
 * approval on the right. Keyboard: Enter/Esc deny, Ctrl/Cmd+Enter allow, O/M/S/A pick the lifetime, ←/→ move
 * through the queue. Input is ignored for {@code inputGuardMillis} after a new approval appears.
 */
public final class PromptView {
    /** Sends an answer to the broker; completes exceptionally with the broker's reason when it refuses. */
    public interface Answerer {
        java.util.concurrent.CompletionStage<Void> answer(String approvalId, HumanAnswer answer);
    }

    private final ApprovalQueue queue;
    private final Answerer answerer;
    private final Clock clock;
    private final long inputGuardMillis;
    private final BorderPane root = new BorderPane();
    private final Label error = new Label();
    private long armedAtNanos;
    private Countdown countdown;
    private AnswerForm form;
    private Button denyButton;
    private Button allowButton;
    private TextField confirmField;
    private EvidenceBox evidence;
    private String shownId;
    private Consumer<String> onTitle = t -> { };
    private java.util.function.Supplier<Grant.Lifetime> preselect = () -> Grant.Lifetime.ONCE;

    public PromptView(ApprovalQueue queue, Answerer answerer, Clock clock, long inputGuardMillis) {
        this.queue = queue;
        this.answerer = answerer;
        this.clock = clock;
        this.inputGuardMillis = inputGuardMillis;
        root.getStyleClass().add("prompt-root");
        root.setPrefWidth(640);
        error.getStyleClass().addAll("prompt-error", Styles.DANGER);
        error.setWrapText(true);
        error.setManaged(false);
        error.setVisible(false);
        queue.currentProperty().addListener((o, a, b) -> rebuild());
        queue.items().addListener((javafx.collections.ListChangeListener<PendingApproval>) c -> {
            onTitle.accept(title());
            if (queue.current() != null && queue.current().id().equals(shownId)) {
                root.setLeft(queue.size() > 1 ? queueList() : null);
            }
        });
        rebuild();
    }

    public Parent root() {
        return root;
    }

    /** The lifetime a new approval opens with (settings: "pop-up preselects"); never "always" for critical. */
    public void preselect(java.util.function.Supplier<Grant.Lifetime> lifetime) {
        this.preselect = lifetime;
    }

    public void onTitle(Consumer<String> titleSink) {
        this.onTitle = titleSink;
        titleSink.accept(title());
    }

    /** Starts the input guard: keys and clicks are ignored for the next {@code inputGuardMillis}. */
    public void arm() {
        armedAtNanos = System.nanoTime();
    }

    /** Ends the input guard now (tests; the guard's length is not what they check). */
    void disarm() {
        armedAtNanos = System.nanoTime() - inputGuardMillis * 1_000_000 - 1;
    }

    public boolean inputGuarded() {
        return (System.nanoTime() - armedAtNanos) / 1_000_000 < inputGuardMillis;
    }

    public Countdown countdown() {
        return countdown;
    }

    public EvidenceBox evidence() {
        return evidence;
    }

    /** Wires the scene-level keyboard and the interaction filters (guard + countdown freeze). */
    public void install(Scene scene) {
        scene.addEventFilter(KeyEvent.ANY, e -> {
            if (inputGuarded()) {
                e.consume();
                return;
            }
            if (e.getEventType() == KeyEvent.KEY_PRESSED) {
                freezeCountdown();
                handleKey(e);
            }
        });
        scene.addEventFilter(MouseEvent.ANY, e -> {
            boolean press = e.getEventType() == MouseEvent.MOUSE_PRESSED || e.getEventType() == MouseEvent.MOUSE_RELEASED
                    || e.getEventType() == MouseEvent.MOUSE_CLICKED;
            if (press && inputGuarded()) {
                e.consume();
            } else if (e.getEventType() == MouseEvent.MOUSE_PRESSED) {
                freezeCountdown();
            }
        });
        scene.addEventFilter(ScrollEvent.SCROLL, e -> freezeCountdown());
    }

    private void freezeCountdown() {
        if (countdown != null) {
            countdown.freeze();
        }
    }

    private void handleKey(KeyEvent e) {
        PendingApproval p = queue.current();
        if (p == null) {
            return;
        }
        KeyCode k = e.getCode();
        boolean inField = e.getTarget() instanceof TextField;
        if (k == KeyCode.ENTER && e.isShortcutDown()) {
            e.consume();
            allow();
        } else if (k == KeyCode.ESCAPE) {
            e.consume();
            deny();
        } else if (k == KeyCode.ENTER) {
            e.consume();
            if (inField) {
                showError("Press Ctrl+Enter to allow, Esc to deny.");
            } else {
                deny();
            }
        } else if (!inField && !e.isShortcutDown() && !e.isAltDown()) {
            Grant.Lifetime pick = switch (k) {
                case O -> Grant.Lifetime.ONCE;
                case M -> Grant.Lifetime.MINUTES;
                case S -> Grant.Lifetime.SESSION;
                case A -> Grant.Lifetime.ALWAYS;
                default -> null;
            };
            if (pick != null && form.lifetimes().contains(pick)) {
                form.lifetimeProperty().set(pick);
                e.consume();
            } else if (k == KeyCode.RIGHT || k == KeyCode.PAGE_DOWN) {
                queue.next();
                e.consume();
            } else if (k == KeyCode.LEFT || k == KeyCode.PAGE_UP) {
                queue.previous();
                e.consume();
            }
        }
    }

    // ---- answering

    public void deny() {
        PendingApproval p = queue.current();
        if (p != null) {
            send(p, form.deny());
        }
    }

    public void allow() {
        PendingApproval p = queue.current();
        if (p == null) {
            return;
        }
        if (!form.canAllowProperty().get()) {
            showError("Type " + form.expectedTyping() + " to allow this critical action.");
            if (confirmField != null) {
                confirmField.requestFocus();
            }
            return;
        }
        send(p, form.allow());
    }

    private void send(PendingApproval p, HumanAnswer answer) {
        root.setDisable(true);
        answerer.answer(p.id(), answer).whenComplete((v, err) -> Fx.run(() -> {
            root.setDisable(false);
            if (err != null) {
                Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                        ? err.getCause() : err;
                showError("Not accepted: " + cause.getMessage());
            } else {
                queue.remove(p.id());
            }
        }));
    }

    private void showError(String text) {
        error.setText(text);
        error.setManaged(true);
        error.setVisible(true);
    }

    // ---- building

    private String title() {
        int n = queue.size();
        return n <= 1 ? "Interlock — approval needed" : "Interlock — approval needed (" + queue.position() + " of " + n + ")";
    }

    private void rebuild() {
        PendingApproval p = queue.current();
        onTitle.accept(title());
        if (p == null) {
            if (countdown != null) {
                countdown.stop();
            }
            root.setCenter(new Label("Nothing is waiting for you."));
            root.setLeft(null);
            shownId = null;
            return;
        }
        root.setLeft(queue.size() > 1 ? queueList() : null);
        boolean same = p.id().equals(shownId);
        boolean wasFrozen = same && countdown != null && countdown.frozenProperty().get();
        String typed = same && form != null ? form.typedProperty().get() : "";
        Grant.Lifetime life = same && form != null ? form.lifetimeProperty().get() : null;
        if (countdown != null) {
            countdown.stop();
        }
        form = new AnswerForm(p);
        form.typedProperty().set(typed);
        Grant.Lifetime initial = life != null ? life : preselect.get();
        if (initial != null && form.lifetimes().contains(initial)) {
            form.lifetimeProperty().set(initial);
        }
        countdown = new Countdown("Deny", p.deadline(), clock);
        if (wasFrozen) {
            countdown.freeze();
        }
        shownId = p.id();
        error.setVisible(false);
        error.setManaged(false);
        root.setCenter(detail(p));
        if (p.agentWaiting()) {
            countdown.start();
        }
    }

    private Node queueList() {
        VBox box = new VBox(6);
        box.getStyleClass().add("queue-list");
        box.setPadding(new Insets(12, 8, 12, 12));
        box.setPrefWidth(240);
        Label head = new Label(queue.position() + " of " + queue.size() + " waiting");
        head.getStyleClass().add(Styles.TEXT_BOLD);
        head.setId("queue-position");
        box.getChildren().add(head);
        for (Map.Entry<String, List<PendingApproval>> g : queue.groups().entrySet()) {
            Label agent = new Label(SafeText.oneLine(g.getKey()) + " · " + g.getValue().size());
            agent.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "queue-agent");
            Button allowAll = new Button("Allow all");
            long allowable = g.getValue().stream().filter(x -> x.decision().severity() != Severity.CRITICAL).count();
            allowAll.setDisable(allowable == 0);
            allowAll.setTooltip(new Tooltip("Allow once every non-critical request from " + g.getKey()
                    + " (critical ones need their own typed confirmation)"));
            allowAll.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
            allowAll.setOnAction(e -> g.getValue().stream()
                    .filter(x -> x.decision().severity() != Severity.CRITICAL)
                    .forEach(x -> send(x, AnswerForm.allowOnce())));
            Button denyAll = new Button("Deny all");
            denyAll.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, Styles.DANGER);
            denyAll.setOnAction(e -> g.getValue().forEach(x -> send(x, HumanAnswer.deny(AnswerForm.SURFACE))));
            allowAll.setId("allow-all-" + g.getKey());
            denyAll.setId("deny-all-" + g.getKey());
            HBox actions = new HBox(4, allowAll, denyAll);
            box.getChildren().addAll(agent, actions);
            for (PendingApproval x : g.getValue()) {
                Label item = new Label(Headline.what(x.action(), x.decision()));
                item.setTooltip(new Tooltip(SafeText.oneLine(x.action().summary())));
                item.setGraphic(severityDot(x.decision().severity()));
                item.getStyleClass().add("queue-item");
                if (x.id().equals(queue.current().id())) {
                    item.getStyleClass().add("queue-item-current");
                }
                if (!x.agentWaiting()) {
                    item.getStyleClass().add(Styles.TEXT_STRIKETHROUGH);
                }
                item.setMaxWidth(Double.MAX_VALUE);
                item.setOnMouseClicked(e -> queue.select(x.id()));
                box.getChildren().add(item);
            }
        }
        ScrollPane sp = new ScrollPane(box);
        sp.setFitToWidth(true);
        sp.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sp.getStyleClass().add("queue-scroll");
        return sp;
    }

    private Node detail(PendingApproval p) {
        Decision d = p.decision();
        VBox box = new VBox(10);
        box.setPadding(new Insets(16, 18, 16, 18));
        box.getStyleClass().add("prompt-detail");

        FontIcon shield = new FontIcon(d.severity() == Severity.CRITICAL ? Feather.ALERT_OCTAGON : Feather.SHIELD);
        shield.getStyleClass().add("prompt-icon-" + d.severity().word());
        Label headline = new Label(Headline.of(p.action(), p.origin(), d));
        headline.setId("headline");
        headline.getStyleClass().addAll(Styles.TITLE_3, "headline");
        headline.setWrapText(true);
        headline.setGraphic(shield);
        headline.setGraphicTextGap(10);

        FlowPane badges = new FlowPane(6, 6);
        badges.getChildren().add(badge(d.severity().word().toUpperCase(Locale.ROOT), "badge-" + d.severity().word()));
        if (d.environment() != null && !d.environment().isBlank()) {
            badges.getChildren().add(badge(SafeText.oneLine(d.environment()),
                    "badge-env" + (d.environment().toLowerCase(Locale.ROOT).startsWith("prod") ? " badge-prod" : "")));
        }
        badges.getChildren().add(badge(p.action().kind(), "badge-kind"));
        Label who = new Label(originLine(p));
        who.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        who.setWrapText(true);
        badges.getChildren().add(who);

        Evidence ev = Evidence.of(p.action(), d);
        SafeText.Rendered rendered = SafeText.render(ev.text(), ev.start(), ev.end());
        evidence = new EvidenceBox(rendered, 200);
        box.getChildren().addAll(headline, badges);
        if (!p.agentWaiting()) {
            Label gone = new Label(SafeText.oneLine(p.origin().agent()) + " is no longer waiting. Your answer is still "
                    + "recorded and applies if it asks again.");
            gone.setId("no-longer-waiting");
            gone.getStyleClass().addAll("banner", "banner-muted");
            gone.setGraphic(new FontIcon(Feather.CLOCK));
            gone.setWrapText(true);
            box.getChildren().add(gone);
        }
        box.getChildren().add(evidence.node());
        if (!rendered.findings().isEmpty()) {
            Label warn = new Label("Hidden content made visible: " + String.join(", ", rendered.findings().stream().sorted().toList())
                    + ". What runs may differ from what a terminal would show.");
            warn.setId("hidden-warning");
            warn.getStyleClass().addAll("banner", "banner-warning");
            warn.setGraphic(new FontIcon(Feather.EYE));
            warn.setWrapText(true);
            box.getChildren().add(warn);
        }
        if (!ev.facts().isEmpty()) {
            box.getChildren().add(facts(ev.facts()));
        }
        box.getChildren().add(rules(d));
        if (!d.notes().isEmpty()) {
            VBox notes = new VBox(2);
            for (String n : d.notes()) {
                Label l = new Label(SafeText.oneLine(n));
                l.setWrapText(true);
                l.setGraphic(new FontIcon(Feather.KEY));
                l.getStyleClass().add("note");
                notes.getChildren().add(l);
            }
            box.getChildren().add(notes);
        }
        box.getChildren().add(answerControls(p));
        ScrollPane sp = new ScrollPane(box);
        sp.setFitToWidth(true);
        sp.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sp.getStyleClass().add("detail-scroll");
        // the answer buttons never scroll out of view, however long the details are
        VBox bottom = new VBox(6, error, buttons(p));
        bottom.setPadding(new Insets(10, 18, 12, 18));
        bottom.getStyleClass().add("prompt-bottom");
        BorderPane pane = new BorderPane(sp);
        pane.setBottom(bottom);
        return pane;
    }

    private static String originLine(PendingApproval p) {
        StringBuilder sb = new StringBuilder(SafeText.oneLine(p.origin().agent()));
        if (p.origin().workspace() != null) {
            sb.append(" · ").append(SafeText.oneLine(Paths.tilde(p.origin().workspace())));
        }
        if (p.origin().sessionId() != null) {
            String s = SafeText.oneLine(p.origin().sessionId());
            sb.append(" · session ").append(s.length() > 10 ? s.substring(0, 8) + "…" : s);
        }
        if (p.joined() > 1) {
            sb.append(" · asked ").append(p.joined()).append(" times");
        }
        return sb.toString();
    }

    private static Label badge(String text, String styles) {
        Label l = new Label(text);
        l.getStyleClass().add("badge");
        l.getStyleClass().addAll(styles.split(" "));
        return l;
    }

    private static Node severityDot(Severity s) {
        Region r = new Region();
        r.getStyleClass().addAll("dot", "dot-" + s.word());
        r.setMinSize(8, 8);
        r.setMaxSize(8, 8);
        return r;
    }

    private static Node facts(Map<String, String> facts) {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(2);
        int row = 0;
        for (Map.Entry<String, String> f : facts.entrySet()) {
            Label k = new Label(f.getKey());
            k.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            Label v = new Label(SafeText.oneLine(f.getValue()));
            v.getStyleClass().addAll("mono", Styles.TEXT_SMALL);
            v.setWrapText(true);
            g.addRow(row++, k, v);
        }
        return g;
    }

    private static Node rules(Decision d) {
        VBox box = new VBox(6);
        box.setId("rules");
        Label why = new Label(d.matches().size() == 1 ? "Why Interlock asks" : "Why Interlock asks (" + d.matches().size() + " rules)");
        why.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.TEXT_SMALL);
        box.getChildren().add(why);
        for (RuleMatch m : d.matches()) {
            Label id = new Label(m.qualifiedId());
            id.getStyleClass().addAll("mono", Styles.TEXT_SMALL, Styles.TEXT_BOLD);
            id.setGraphic(severityDot(m.severity()));
            Label sev = new Label(m.severity().word());
            sev.getStyleClass().addAll("badge", "badge-small", "badge-" + m.severity().word());
            HBox head = new HBox(8, id, sev);
            head.setAlignment(Pos.CENTER_LEFT);
            Label explain = new Label(SafeText.oneLine(m.explain()));
            explain.setWrapText(true);
            explain.getStyleClass().add("rule-explain");
            VBox one = new VBox(2, head, explain);
            if (m.span() != null && !m.span().text().isEmpty()) {
                String t = SafeText.oneLine(m.span().text());
                Label matched = new Label("matched: " + (t.length() > 120 ? t.substring(0, 119) + "…" : t));
                matched.getStyleClass().addAll("mono", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                matched.setWrapText(true);
                one.getChildren().add(matched);
            }
            one.getStyleClass().add("rule-card");
            box.getChildren().add(one);
        }
        return box;
    }

    private Node answerControls(PendingApproval p) {
        VBox box = new VBox(8);
        box.getStyleClass().add("answer-controls");
        ToggleGroup lifetimes = new ToggleGroup();
        HBox lifeRow = new HBox(0);
        lifeRow.setId("lifetimes");
        List<Grant.Lifetime> offered = form.lifetimes();
        for (int i = 0; i < offered.size(); i++) {
            Grant.Lifetime l = offered.get(i);
            ToggleButton b = new ToggleButton(lifetimeLabel(l));
            b.setId("lifetime-" + l.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(lifetimes);
            b.setUserData(l);
            b.setFocusTraversable(false);
            b.getStyleClass().add(offered.size() == 1 ? "" : i == 0 ? Styles.LEFT_PILL
                    : i == offered.size() - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            b.setSelected(l == form.lifetimeProperty().get());
            lifeRow.getChildren().add(b);
        }
        lifetimes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            } else {
                form.lifetimeProperty().set((Grant.Lifetime) b.getUserData());
            }
        });
        form.lifetimeProperty().addListener((o, a, b) -> lifetimes.getToggles().stream()
                .filter(t -> t.getUserData() == b).findFirst().ifPresent(t -> t.setSelected(true)));
        Label allowLabel = new Label("If you allow:");
        allowLabel.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox lifeLine = new HBox(10, allowLabel, lifeRow);
        lifeLine.setAlignment(Pos.CENTER_LEFT);

        ToggleGroup scopes = new ToggleGroup();
        RadioButton exact = new RadioButton("exactly this");
        exact.setToggleGroup(scopes);
        exact.setSelected(true);
        exact.setFocusTraversable(false);
        FlowPane scopeRow = new FlowPane(14, 4, exact);
        scopeRow.setAlignment(Pos.CENTER_LEFT);
        if (form.ruleScopeAvailable()) {
            RadioButton rule = new RadioButton("anything " + p.decision().primary().get().qualifiedId() + " matches");
            rule.setId("scope-rule");
            rule.setToggleGroup(scopes);
            rule.setFocusTraversable(false);
            rule.disableProperty().bind(form.lifetimeProperty().isEqualTo(Grant.Lifetime.ALWAYS));
            scopeRow.getChildren().add(rule);
            scopes.selectedToggleProperty().addListener((o, a, b) -> form.scopeProperty()
                    .set(b == rule ? Grant.Scope.RULE : Grant.Scope.EXACT_ACTION));
        }
        if (p.origin().workspace() != null) {
            CheckBox ws = new CheckBox("only in this workspace");
            ws.setFocusTraversable(false);
            ws.selectedProperty().bindBidirectional(form.onlyThisWorkspaceProperty());
            if (!(p.action() instanceof dev.interlock.action.FileAccess)) {
                ws.disableProperty().bind(form.lifetimeProperty().isEqualTo(Grant.Lifetime.ALWAYS));
            }
            scopeRow.getChildren().add(ws);
        }
        Label preview = new Label();
        preview.setId("rule-preview");
        preview.textProperty().bind(form.previewProperty());
        preview.setWrapText(true);
        preview.getStyleClass().addAll("preview", Styles.TEXT_SMALL);
        preview.setGraphic(new FontIcon(Feather.INFO));
        box.getChildren().addAll(lifeLine, scopeRow, preview);

        if (form.needsTypedTarget()) {
            Label ask = new Label("Critical. To allow, type " + SafeText.oneLine(form.expectedTyping()) + ":");
            ask.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.TEXT_SMALL, "confirm-ask");
            ask.setWrapText(true);
            confirmField = new TextField(form.typedProperty().get());
            confirmField.setId("confirm-target");
            confirmField.setPromptText(SafeText.oneLine(form.expectedTyping()));
            confirmField.getStyleClass().add("mono");
            confirmField.textProperty().bindBidirectional(form.typedProperty());
            confirmField.setContextMenu(new javafx.scene.control.ContextMenu());
            confirmField.setOnKeyTyped(e -> { });
            // pasting would defeat the point: the human should read the name, not copy it from the agent's text
            confirmField.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (e.isShortcutDown() && e.getCode() == KeyCode.V || e.isShiftDown() && e.getCode() == KeyCode.INSERT) {
                    e.consume();
                }
            });
            box.getChildren().addAll(ask, confirmField);
        } else {
            confirmField = null;
        }
        return box;
    }

    private static String lifetimeLabel(Grant.Lifetime l) {
        return switch (l) {
            case ONCE -> "Once (O)";
            case MINUTES -> AnswerForm.TIMED.toMinutes() + " min (M)";
            case SESSION -> "This session (S)";
            case ALWAYS -> "Always (A)";
        };
    }

    private Node buttons(PendingApproval p) {
        denyButton = new Button();
        denyButton.setId("deny");
        denyButton.textProperty().bind(countdown.buttonTextProperty());
        denyButton.setDefaultButton(false);
        denyButton.getStyleClass().addAll(Styles.DANGER, "deny-button");
        denyButton.setGraphic(new FontIcon(Feather.X_OCTAGON));
        denyButton.setOnAction(e -> deny());
        Label denyKeys = new Label("Enter / Esc");
        denyKeys.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);

        allowButton = new Button();
        allowButton.setId("allow");
        allowButton.textProperty().bind(Bindings.createStringBinding(() -> switch (form.lifetimeProperty().get()) {
            case ONCE -> "Allow once";
            case MINUTES -> "Allow for " + AnswerForm.TIMED.toMinutes() + " min";
            case SESSION -> "Allow this session";
            case ALWAYS -> "Always allow";
        }, form.lifetimeProperty()));
        allowButton.disableProperty().bind(form.canAllowProperty().not());
        allowButton.getStyleClass().add(Styles.BUTTON_OUTLINED);
        allowButton.setGraphic(new FontIcon(Feather.CHECK));
        allowButton.setOnAction(e -> allow());
        Label allowKeys = new Label(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")
                ? "⌘ Enter" : "Ctrl+Enter");
        allowKeys.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);

        Label status = new Label();
        status.setId("countdown-status");
        status.textProperty().bind(countdown.statusProperty());
        status.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        status.setWrapText(true);
        status.setVisible(p.agentWaiting());
        status.setManaged(p.agentWaiting());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(8, denyButton, denyKeys, spacer, allowKeys, allowButton);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, row, status);
    }

    public Button denyButton() {
        return denyButton;
    }

    public Button allowButton() {
        return allowButton;
    }

    public AnswerForm form() {
        return form;
    }
}
