package dev.interlock.ui.timeline;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.audit.AuditExport;
import dev.interlock.audit.AuditFilter;
import dev.interlock.audit.AuditLog;
import dev.interlock.audit.AuditRecord;
import dev.interlock.audit.ExportFormat;
import dev.interlock.audit.HistogramBucket;
import dev.interlock.ui.fx.Fx;
import dev.interlock.ui.prompt.EvidenceBox;
import dev.interlock.ui.prompt.SafeText;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The audit timeline: a search box ({@code agent:cursor verdict:deny since:2h}, parsed by {@link AuditFilter}),
 * an activity chart, a virtualised table paging from SQLite, a detail pane, row actions and export.
 */
public final class TimelineView {
    private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.US);

    private final AuditLog audit;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "interlock-timeline");
        t.setDaemon(true);
        return t;
    });
    private final BorderPane root = new BorderPane();
    private final TextField search = new TextField();
    private final Label searchError = new Label();
    private final Label status = new Label();
    private final ActivityChart chart = new ActivityChart();
    private final TableView<AuditRecord> table = new TableView<>();
    private final VBox detail = new VBox(8);
    private final MenuButton export = new MenuButton("Export");
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(-1);
    private final Consumer<String> createRule;
    private PagedRows rows;
    private long generation;
    private long countGeneration = -1;
    private final HBox pendingBar = new HBox(8);
    private final Label pendingText = new Label();
    private final LiveFeed live;

    /**
     * @param createRule called with a draft rule (YAML) when the user asks to create a rule from an event
     */
    private final PauseTransition debounce = new PauseTransition(javafx.util.Duration.millis(350));
    private boolean closed;

    public TimelineView(AuditLog audit, Consumer<String> createRule) {
        this.audit = audit;
        this.createRule = createRule;
        root.getStyleClass().add("timeline");
        search.setId("timeline-search");
        search.setPromptText("Search: agent:cursor verdict:deny since:2h kind:http severity:critical decided:popup  or any text");
        search.setOnAction(e -> apply());
        debounce.setOnFinished(e -> apply());
        search.textProperty().addListener((o, a, b) -> debounce.playFromStart());
        HBox.setHgrow(search, Priority.ALWAYS);
        FontIcon glass = new FontIcon(Feather.SEARCH);
        export.setId("timeline-export");
        export.setGraphic(new FontIcon(Feather.DOWNLOAD));
        Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
        refresh.setId("timeline-refresh");
        refresh.setTooltip(new javafx.scene.control.Tooltip("Show new events"));
        refresh.setOnAction(e -> apply());
        HBox bar = new HBox(8, glass, search, refresh, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        searchError.setId("timeline-search-error");
        searchError.getStyleClass().add(Styles.DANGER);
        searchError.setManaged(false);
        buildPendingBar();
        VBox top = new VBox(6, bar, searchError, pendingBar, chart);
        top.setPadding(new Insets(10, 12, 6, 12));
        root.setTop(top);

        buildTable();
        detail.setPadding(new Insets(10));
        detail.setId("timeline-detail");
        detail.getChildren().add(muted("Select an event to see the full action, the rules and who decided."));
        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        SplitPane split = new SplitPane(table, detailScroll);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.77);
        root.setCenter(split);
        status.setId("timeline-status");
        status.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox foot = new HBox(status);
        foot.setPadding(new Insets(4, 12, 6, 12));
        root.setBottom(foot);
        apply();
        live = new LiveFeed(audit, this::refreshLive);
    }

    public Node root() {
        return root;
    }

    public TableView<AuditRecord> table() {
        return table;
    }

    public TextField search() {
        return search;
    }

    public ActivityChart chart() {
        return chart;
    }

    /** Rows matching the current filter (-1 while counting). */
    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public void refresh() {
        apply();
    }

    public void close() {
        closed = true;
        debounce.stop();
        live.close();
        if (rows != null) {
            rows.close();
        }
        if (desk != null) {
            desk.unsubscribe(deskListener);
        }
        loader.shutdownNow();
    }

    // ---- search

    /** Parses the search box and reloads; the first page is read here, the count and chart in the background. */
    public void apply() {
        Fx.checkThread();
        if (closed) {
            return; // a debounced search that fires after the window closed
        }
        AuditFilter filter;
        try {
            filter = AuditFilter.parse(search.getText());
            searchError.setText("");
            searchError.setManaged(false);
        } catch (IllegalArgumentException e) {
            searchError.setText(e.getMessage());
            searchError.setManaged(true);
            return;
        }
        long gen = ++generation;
        long t0 = System.nanoTime();
        List<AuditRecord> first;
        try {
            first = audit.queryBefore(filter, Long.MAX_VALUE, PagedRows.PAGE);
        } catch (RuntimeException e) {
            status.setText("Could not read the audit log: " + e.getMessage());
            return;
        }
        if (rows != null) {
            rows.close();
        }
        rows = new PagedRows(audit, loader, filter, first);
        rows.onError(e -> status.setText("Could not read the audit log: " + e.getMessage()));
        table.setItems(rows);
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        total.set(-1);
        status.setText("Loading… (first " + first.size() + " rows in " + firstMs + " ms)");
        export.setText("Export");
        PagedRows mine = rows;
        this.firstMs = firstMs;
        long through = mine.baseTop();
        CompletableFuture.supplyAsync(() -> audit.countThrough(filter, through), loader).whenComplete((n, err) -> Fx.run(() -> {
            if (gen != generation) {
                return;
            }
            if (err != null) {
                status.setText("Could not count events: " + err.getMessage());
                return;
            }
            mine.total(n);
            countGeneration = gen;
            total.set(mine.size());
            showCount(filter, mine.size());
        }));
        refreshChart(filter, gen);
    }

    private long firstMs;

    private void showCount(AuditFilter filter, long n) {
        status.setText(COUNT.format(n) + (n == 1 ? " event" : " events") + " · newest first · live · rows load "
                + PagedRows.PAGE + " at a time as you scroll · first page in " + firstMs + " ms");
        buildExportMenu(filter, n);
    }

    private void refreshChart(AuditFilter filter, long gen) {
        AuditFilter chartFilter = filter.since() != null ? filter : filter.withSince(Instant.now().minus(Duration.ofHours(24)));
        Duration bucket = bucketFor(chartFilter.since());
        CompletableFuture.supplyAsync(() -> audit.histogram(chartFilter, bucket), loader).whenComplete((h, err) -> Fx.run(() -> {
            if (gen == generation && err == null) {
                chart.show(h);
            }
        }));
    }

    // ---- live updates

    /**
     * Called (FX thread, at most every {@link LiveFeed#COALESCE_MS} ms) after new audit rows were committed: reads
     * the rows above the newest one shown, with the current filter, and puts them on top. The row the user
     * selected stays selected, and when they had scrolled down, the rows they were looking at stay in view.
     */
    private void refreshLive(LiveFeed.Batch batch) {
        Fx.checkThread();
        if (closed || rows == null) {
            return;
        }
        javafx.stage.Window w = root.getScene() == null ? null : root.getScene().getWindow();
        if (w == null || !w.isShowing()) {
            return; // nobody is looking: opening the window again reloads (MainWindow.show → refresh)
        }
        if (batch.pruned()) {
            reloadKeepingSelection();
            return;
        }
        PagedRows mine = rows;
        long gen = generation;
        long top = mine.topId();
        AuditFilter filter = mine.filter();
        CompletableFuture.supplyAsync(() -> {
            List<AuditRecord> newer = audit.queryAfter(filter, top, PagedRows.PAGE + 1);
            List<AuditRecord> updated = new java.util.ArrayList<>();
            for (long id : batch.resultsFor()) {
                AuditRecord r = audit.get(id);
                if (r != null) {
                    updated.add(r);
                }
            }
            return new Object[]{newer, updated};
        }, loader).whenComplete((res, err) -> Fx.run(() -> {
            if (closed || gen != generation || mine != rows) {
                return;
            }
            if (err != null) {
                status.setText("Could not read new events: " + err.getMessage());
                return;
            }
            @SuppressWarnings("unchecked") List<AuditRecord> newer = (List<AuditRecord>) res[0];
            @SuppressWarnings("unchecked") List<AuditRecord> updated = (List<AuditRecord>) res[1];
            updated.forEach(mine::replace);
            if (newer.size() > PagedRows.PAGE) {
                reloadKeepingSelection(); // a burst bigger than a page: start a fresh snapshot
                return;
            }
            if (!newer.isEmpty()) {
                int firstVisible = firstVisibleIndex();
                mine.prepend(newer);
                if (firstVisible > 0) {
                    scrollToTopRow(firstVisible + newer.size());
                }
                if (countGeneration == gen) {
                    total.set(mine.size());
                    showCount(filter, mine.size());
                }
                if (System.nanoTime() - lastLiveChart > CHART_EVERY_NANOS) {
                    lastLiveChart = System.nanoTime(); // the chart moves slowly; rows move at once
                    refreshChart(filter, gen);
                }
            }
        }));
    }

    private static final long CHART_EVERY_NANOS = 5_000_000_000L;
    private long lastLiveChart;

    /** A new snapshot (retention removed rows, or a burst arrived) that keeps the selected event selected. */
    private void reloadKeepingSelection() {
        AuditRecord selected = table.getSelectionModel().getSelectedItem();
        apply();
        if (selected != null && rows != null) {
            int at = rows.indexOfLoaded(selected.id());
            if (at >= 0) {
                table.getSelectionModel().select(at);
            }
        }
    }

    /** The index of the first row the table shows (0 at the top, or before the table is laid out). */
    public int firstVisibleIndex() {
        javafx.scene.control.skin.VirtualFlow<?> flow = flow();
        if (flow == null || flow.getFirstVisibleCell() == null) {
            return 0;
        }
        return flow.getFirstVisibleCell().getIndex();
    }

    private void scrollToTopRow(int index) {
        javafx.scene.control.skin.VirtualFlow<?> flow = flow();
        if (flow != null) {
            flow.scrollToTop(index);
        } else {
            table.scrollTo(index);
        }
    }

    private javafx.scene.control.skin.VirtualFlow<?> flow() {
        Node n = table.lookup(".virtual-flow");
        return n instanceof javafx.scene.control.skin.VirtualFlow<?> f ? f : null;
    }

    // ---- pending approvals

    private java.util.function.Supplier<List<dev.interlock.broker.PendingApproval>> pendingSource = List::of;
    private dev.interlock.broker.ApprovalDesk desk;
    private dev.interlock.broker.ApprovalListener deskListener;

    private void buildPendingBar() {
        pendingBar.setId("timeline-pending");
        pendingBar.getStyleClass().add("pending-bar");
        pendingBar.setAlignment(Pos.CENTER_LEFT);
        pendingBar.setPadding(new Insets(6, 10, 6, 10));
        pendingText.setId("timeline-pending-text");
        pendingText.setWrapText(false);
        HBox.setHgrow(pendingText, Priority.ALWAYS);
        pendingText.setMaxWidth(Double.MAX_VALUE);
        pendingBar.getChildren().addAll(new FontIcon(Feather.BELL), pendingText);
        pendingBar.setVisible(false);
        pendingBar.setManaged(false);
    }

    /**
     * Shows the approvals waiting for a human above the table, live: they are not in the audit log until they are
     * decided. {@code review} opens the pop-up.
     */
    public void showPending(dev.interlock.broker.ApprovalDesk desk, Runnable review) {
        Fx.checkThread();
        this.desk = desk;
        this.pendingSource = desk::pending;
        Button open = new Button("Review…");
        open.setId("timeline-pending-review");
        open.getStyleClass().add(Styles.SMALL);
        open.setOnAction(e -> review.run());
        pendingBar.getChildren().add(open);
        deskListener = new dev.interlock.broker.ApprovalListener() {
            @Override
            public void added(dev.interlock.broker.PendingApproval p) {
                Fx.run(TimelineView.this::updatePending);
            }

            @Override
            public void updated(dev.interlock.broker.PendingApproval p) {
                Fx.run(TimelineView.this::updatePending);
            }

            @Override
            public void resolved(dev.interlock.broker.PendingApproval p, dev.interlock.broker.Resolution r) {
                Fx.run(TimelineView.this::updatePending);
            }
        };
        desk.subscribe(deskListener);
        updatePending();
    }

    private void updatePending() {
        if (closed) {
            return;
        }
        List<dev.interlock.broker.PendingApproval> now = pendingSource.get();
        pendingBar.setVisible(!now.isEmpty());
        pendingBar.setManaged(!now.isEmpty());
        if (now.isEmpty()) {
            pendingText.setText("");
            return;
        }
        dev.interlock.broker.PendingApproval first = now.stream()
                .min(java.util.Comparator.comparing(dev.interlock.broker.PendingApproval::deadline)).orElseThrow();
        pendingText.setText((now.size() == 1 ? "1 approval waits" : now.size() + " approvals wait") + " for you — "
                + Rows.text(first.origin().agent()) + ": " + Rows.text(first.action().summary())
                + (now.size() > 1 ? " and " + (now.size() - 1) + " more" : ""));
    }

    public String pendingText() {
        return pendingBar.isVisible() ? pendingText.getText() : "";
    }

    static Duration bucketFor(Instant since) {
        Duration span = Duration.between(since, Instant.now());
        if (span.compareTo(Duration.ofDays(3)) <= 0) {
            return Duration.ofHours(1);
        }
        if (span.compareTo(Duration.ofDays(21)) <= 0) {
            return Duration.ofHours(6);
        }
        return Duration.ofDays(1);
    }

    private void addToken(String key, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String v = value.contains(" ") ? "\"" + value + "\"" : value;
        String token = key + ":" + v;
        String now = search.getText().trim();
        search.setText(now.isEmpty() ? token : now + " " + token);
        apply();
    }

    // ---- export

    private void buildExportMenu(AuditFilter filter, long n) {
        export.getItems().clear();
        export.setText("Export " + COUNT.format(n));
        for (ExportFormat f : ExportFormat.values()) {
            MenuItem m = new MenuItem("Export " + COUNT.format(n) + " filtered " + (n == 1 ? "event" : "events") + " as "
                    + f.name() + "…");
            m.setId("export-" + f.name().toLowerCase(Locale.ROOT));
            m.setOnAction(e -> {
                FileChooser fc = new FileChooser();
                fc.setTitle("Interlock — export " + COUNT.format(n) + " events");
                fc.setInitialFileName("interlock-audit." + f.name().toLowerCase(Locale.ROOT));
                java.io.File file = fc.showSaveDialog(root.getScene().getWindow());
                if (file != null) {
                    exportTo(filter, f, file.toPath()).whenComplete((written, err) -> Fx.run(() -> status.setText(
                            err != null ? "Export failed: " + err.getMessage()
                                    : "Exported " + COUNT.format(written) + " events to " + file)));
                }
            });
            export.getItems().add(m);
        }
        export.setDisable(n == 0);
    }

    /** Writes every row matching the filter (the whole history, not the visible page) to a file. */
    public CompletableFuture<Long> exportTo(AuditFilter filter, ExportFormat format, Path file) {
        return CompletableFuture.supplyAsync(() -> {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                return audit.export(filter, format, w);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, loader);
    }

    public AuditFilter currentFilter() {
        return rows == null ? AuditFilter.ALL : rows.filter();
    }

    // ---- table

    private void buildTable() {
        table.setId("timeline-table");
        table.setPlaceholder(new Label("No events match."));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setFixedCellSize(26);
        table.getColumns().setAll(List.of(
                column("Time", 134, Rows::time, null),
                column("Agent", 100, r -> Rows.text(r.agent()), "agent"),
                column("Kind", 52, r -> Rows.text(r.kind()), "kind"),
                column("Summary", 220, r -> Rows.text(r.summary()), null),
                column("Target", 78, Rows::target, null),
                verdictColumn(),
                column("Decided by", 104, Rows::decidedBy, "decided"),
                column("Wait", 52, Rows::waited, null),
                column("Workspace", 116, r -> Rows.text(dev.interlock.ui.prompt.Paths.tilde(r.workspace())), "workspace"),
                column("Severity", 76, r -> Rows.text(r.severity()), "severity")));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showDetail(b));
        table.setRowFactory(tv -> {
            TableRow<AuditRecord> row = new TableRow<>();
            row.setOnContextMenuRequested(e -> {
                if (row.getItem() != null) {
                    contextMenu(row.getItem()).show(row, e.getScreenX(), e.getScreenY());
                }
            });
            return row;
        });
    }

    private TableColumn<AuditRecord, String> column(String title, double width, Function<AuditRecord, String> value,
                                                    String filterKey) {
        TableColumn<AuditRecord, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setUserData(filterKey);
        c.setCellValueFactory(cd -> new SimpleStringProperty(cd.getValue() == null ? "…" : value.apply(cd.getValue())));
        return c;
    }

    private TableColumn<AuditRecord, String> verdictColumn() {
        TableColumn<AuditRecord, String> c = column("Verdict", 74, r -> Rows.text(r.verdict()), "verdict");
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                getStyleClass().removeAll("verdict-allow", "verdict-deny", "verdict-ask");
                setText(empty ? null : v);
                if (!empty && v != null && !v.isEmpty()) {
                    getStyleClass().add("verdict-" + v);
                }
            }
        });
        return c;
    }

    private ContextMenu contextMenu(AuditRecord r) {
        MenuItem rule = new MenuItem("Create a rule from this event…", new FontIcon(Feather.PLUS_SQUARE));
        rule.setOnAction(e -> createRule.accept(RuleDraft.yaml(r)));
        MenuItem copy = new MenuItem("Copy summary", new FontIcon(Feather.COPY));
        copy.setOnAction(e -> copy(r.summary()));
        MenuItem copyJson = new MenuItem("Copy as JSON", new FontIcon(Feather.CODE));
        copyJson.setOnAction(e -> copy(AuditExport.toJson(r).toString()));
        ContextMenu m = new ContextMenu(rule, copy, copyJson, new SeparatorMenuItem());
        addFilter(m, "agent", r.agent());
        addFilter(m, "verdict", r.verdict());
        addFilter(m, "kind", r.kind());
        addFilter(m, "decided", r.decidedBy());
        addFilter(m, "workspace", r.workspace());
        addFilter(m, "severity", r.severity());
        addFilter(m, "session", r.sessionId());
        if (scanWorkspace != null && r.workspace() != null && !r.workspace().isBlank()) {
            MenuItem scan = new MenuItem("Scan " + Rows.text(dev.interlock.ui.prompt.Paths.tilde(r.workspace()))
                    + " for credentials…", new FontIcon(Feather.SHIELD));
            scan.setOnAction(e -> scanWorkspace.accept(r.workspace()));
            m.getItems().addAll(new SeparatorMenuItem(), scan);
        }
        return m;
    }

    private void addFilter(ContextMenu m, String key, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        MenuItem it = new MenuItem("Filter on " + key + ":" + Rows.text(value), new FontIcon(Feather.FILTER));
        it.setOnAction(e -> addToken(key, value));
        m.getItems().add(it);
    }

    /** Adds {@code key:value} of the selected row's column to the search (what "filter on this value" does). */
    public void filterOn(String key, AuditRecord r) {
        String v = switch (key) {
            case "agent" -> r.agent();
            case "verdict" -> r.verdict();
            case "kind" -> r.kind();
            case "decided" -> r.decidedBy();
            case "workspace" -> r.workspace();
            case "severity" -> r.severity();
            default -> null;
        };
        addToken(key, v);
    }

    private Consumer<String> scanWorkspace;

    /** Adds "Scan this workspace for credentials" to the row menu (opens the workspaces view). */
    public void onScanWorkspace(Consumer<String> open) {
        this.scanWorkspace = open;
    }

    private static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text == null ? "" : text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    // ---- detail

    private void showDetail(AuditRecord r) {
        detail.getChildren().clear();
        if (r == null) {
            detail.getChildren().add(muted("Select an event to see the full action, the rules and who decided."));
            return;
        }
        Label head = new Label(Rows.text(r.summary()));
        head.getStyleClass().addAll(Styles.TEXT_BOLD);
        head.setWrapText(true);
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(2);
        int row = 0;
        row = fact(g, row, "Time", Rows.time(r));
        row = fact(g, row, "Agent", Rows.text(r.agent()));
        row = fact(g, row, "Session", Rows.text(r.sessionId()));
        row = fact(g, row, "Workspace", Rows.text(r.workspace()));
        row = fact(g, row, "Kind", Rows.text(r.kind()) + ("answer".equals(r.type()) ? " (answer after the agent stopped waiting)" : ""));
        row = fact(g, row, "Policy said", Rows.text(r.policyVerdict()) + " · " + Rows.text(r.severity()));
        row = fact(g, row, "Verdict", Rows.text(r.verdict()));
        row = fact(g, row, "Decided by", Rows.text(r.decidedBy()));
        row = fact(g, row, "Waited", Rows.waited(r));
        row = fact(g, row, "Approval", Rows.text(r.approvalId()));
        row = fact(g, row, "Environment", Rows.text(r.environment()));
        if (r.exitCode() != null) {
            fact(g, row, "Exit code", String.valueOf(r.exitCode()));
        }
        detail.getChildren().addAll(head, g, section("Action"),
                new EvidenceBox(SafeText.render(Rows.pretty(r.actionJson())), 260).node());
        JsonNode rules = Rows.rules(r);
        if (rules.size() > 0) {
            detail.getChildren().add(section("Rules"));
            for (JsonNode n : rules) {
                Label l = new Label(Rows.text(n.path("pack").asText() + "/" + n.path("id").asText()) + " ("
                        + Rows.text(n.path("severity").asText()) + ", " + Rows.text(n.path("verdict").asText()) + "): "
                        + Rows.text(n.path("explain").asText()));
                l.setWrapText(true);
                detail.getChildren().add(l);
            }
        }
        if (r.reply() != null && !r.reply().isBlank()) {
            detail.getChildren().addAll(section("What the agent was told"),
                    new EvidenceBox(SafeText.render(r.reply()), 140).node());
        }
        if (r.output() != null && !r.output().isBlank()) {
            detail.getChildren().addAll(section("Output (excerpt)"), new EvidenceBox(SafeText.render(r.output()), 160).node());
        }
        Button makeRule = new Button("Create a rule from this event…", new FontIcon(Feather.PLUS_SQUARE));
        makeRule.getStyleClass().add(Styles.SMALL);
        makeRule.setOnAction(e -> createRule.accept(RuleDraft.yaml(r)));
        detail.getChildren().add(makeRule);
    }

    private static int fact(GridPane g, int row, String k, String v) {
        if (v == null || v.isBlank()) {
            return row;
        }
        Label key = new Label(k);
        key.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Label val = new Label(v);
        val.setWrapText(true);
        val.getStyleClass().add(Styles.TEXT_SMALL);
        g.addRow(row, key, val);
        return row + 1;
    }

    private static Label section(String t) {
        Label l = new Label(t);
        l.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.TEXT_SMALL);
        l.setPadding(new Insets(6, 0, 0, 0));
        return l;
    }

    private static Label muted(String t) {
        Label l = new Label(t);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setWrapText(true);
        return l;
    }

    static String count(long n) {
        return COUNT.format(n);
    }

    List<HistogramBucket> chartData() {
        return chart.buckets();
    }
}
