package dev.interlock.ui.workspaces;

import atlantafx.base.theme.Styles;
import dev.interlock.audit.WorkspaceUse;
import dev.interlock.secrets.WorkspaceScanner;
import dev.interlock.ui.fx.Fx;
import dev.interlock.ui.prompt.Paths;
import dev.interlock.ui.prompt.SafeText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Issue 7's "the app shows the scan report for each workspace an agent has used": every workspace in the audit log,
 * scanned in the background (never on the FX thread) the way {@code interlock scan} does, with file, line, kind,
 * masked value, the risk and a concrete suggestion per credential found.
 */
public final class WorkspacesView {
    /** Scans one workspace (the real {@link WorkspaceScanner} in the app). */
    @FunctionalInterface
    public interface Scanner {
        WorkspaceScanner.Report scan(Path dir) throws IOException;
    }

    /** The label a credential is allowed under in a workspace ({@code interlock credentials}), if any. */
    @FunctionalInterface
    public interface AllowedLookup {
        Optional<String> allowed(String workspace, String fingerprint);
    }

    /** One credential as the findings table shows it. */
    public record FindingRow(String file, int line, String kind, String masked, String risk, String suggestion,
                             String allowCommand, String fingerprint) {
    }

    /** One workspace and where its scan is. */
    public static final class WorkspaceRow {
        private final WorkspaceUse use;
        private volatile String state = "waiting to scan";
        private volatile WorkspaceScanner.Report report;
        private volatile Instant scannedAt;

        WorkspaceRow(WorkspaceUse use) {
            this.use = use;
        }

        public WorkspaceUse use() {
            return use;
        }

        public String state() {
            return state;
        }

        public Optional<WorkspaceScanner.Report> report() {
            return Optional.ofNullable(report);
        }
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.US);
    private static final Duration RESCAN_AFTER = Duration.ofMinutes(10);

    private final Supplier<List<WorkspaceUse>> workspaces;
    private final Scanner scanner;
    private final AllowedLookup allowed;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "interlock-workspace-scan");
        t.setDaemon(true);
        return t;
    });
    private final BorderPane root = new BorderPane();
    private final TableView<WorkspaceRow> workspaceTable = new TableView<>();
    private final ObservableList<WorkspaceRow> rows = FXCollections.observableArrayList();
    private final TableView<FindingRow> findingTable = new TableView<>();
    private final Label status = new Label();
    private final Label heading = new Label();
    private final Label facts = new Label();
    private final VBox findingDetail = new VBox(6);
    private boolean loaded;
    private boolean closed;

    public WorkspacesView(Supplier<List<WorkspaceUse>> workspaces, Scanner scanner, AllowedLookup allowed) {
        this.workspaces = workspaces;
        this.scanner = scanner;
        this.allowed = allowed;
        root.getStyleClass().add("workspaces");
        Label title = new Label("Workspaces your agents used, and the credentials an agent working there can read");
        title.getStyleClass().add(Styles.TITLE_4);
        Button scanAll = new Button("Scan all", new FontIcon(Feather.REFRESH_CW));
        scanAll.setId("workspaces-scan-all");
        scanAll.setOnAction(e -> scanAll(true));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(10, title, gap, scanAll);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 12, 6, 12));
        root.setTop(bar);

        buildWorkspaceTable();
        buildFindingTable();
        heading.setId("workspaces-heading");
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        facts.setId("workspaces-facts");
        facts.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        facts.setWrapText(true);
        Button scanOne = new Button("Scan", new FontIcon(Feather.SEARCH));
        scanOne.setId("workspaces-scan");
        scanOne.getStyleClass().add(Styles.SMALL);
        scanOne.setOnAction(e -> {
            WorkspaceRow r = workspaceTable.getSelectionModel().getSelectedItem();
            if (r != null) {
                scan(r, true);
            }
        });
        Region gap2 = new Region();
        HBox.setHgrow(gap2, Priority.ALWAYS);
        HBox head = new HBox(8, heading, gap2, scanOne);
        head.setAlignment(Pos.CENTER_LEFT);
        findingDetail.setId("workspaces-finding-detail");
        findingDetail.setPadding(new Insets(8, 0, 0, 0));
        VBox right = new VBox(6, head, facts, findingTable, findingDetail);
        VBox.setVgrow(findingTable, Priority.ALWAYS);
        right.setPadding(new Insets(8, 12, 8, 8));
        SplitPane split = new SplitPane(workspaceTable, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.43);
        root.setCenter(split);
        status.setId("workspaces-status");
        status.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox foot = new HBox(status);
        foot.setPadding(new Insets(4, 12, 6, 12));
        root.setBottom(foot);
        showWorkspace(null);
    }

    public Node root() {
        return root;
    }

    public TableView<WorkspaceRow> workspaceTable() {
        return workspaceTable;
    }

    public TableView<FindingRow> findingTable() {
        return findingTable;
    }

    public String statusText() {
        return status.getText();
    }

    /** Reads the workspaces from the audit log (first time, or again) and scans those not scanned lately. */
    public void reload() {
        Fx.checkThread();
        if (closed) {
            return;
        }
        loaded = true;
        status.setText("Reading the workspaces from the audit log…");
        CompletableFuture.supplyAsync(workspaces, worker).whenComplete((list, err) -> Fx.run(() -> {
            if (closed) {
                return;
            }
            if (err != null) {
                status.setText("Could not read the audit log: " + err.getMessage());
                return;
            }
            String selected = wanted != null ? wanted : selectedWorkspace();
            java.util.Map<String, WorkspaceRow> old = new java.util.HashMap<>();
            rows.forEach(r -> old.put(r.use.workspace(), r));
            List<WorkspaceRow> next = list.stream().map(u -> {
                WorkspaceRow had = old.get(u.workspace());
                WorkspaceRow r = new WorkspaceRow(u);
                if (had != null) {
                    r.state = had.state;
                    r.report = had.report;
                    r.scannedAt = had.scannedAt;
                }
                return r;
            }).toList();
            rows.setAll(next);
            status.setText(list.isEmpty() ? "No agent has acted in a workspace yet." : list.size()
                    + (list.size() == 1 ? " workspace" : " workspaces") + " in the audit log; scans run in the background.");
            select(selected != null ? selected : list.isEmpty() ? null : list.get(0).workspace());
            scanAll(false);
        }));
    }

    /** Loads (or refreshes) the list and scans what was not scanned lately. */
    public void show() {
        reload();
    }

    /** True once a load was started. */
    public boolean loaded() {
        return loaded;
    }

    /** Selects a workspace now, or once the list has loaded. */
    public void select(String workspace) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).use.workspace().equals(workspace)) {
                workspaceTable.getSelectionModel().select(i);
                wanted = null;
                return;
            }
        }
        wanted = workspace;
    }

    private String wanted;

    private String selectedWorkspace() {
        WorkspaceRow r = workspaceTable.getSelectionModel().getSelectedItem();
        return r == null ? null : r.use.workspace();
    }

    private void scanAll(boolean force) {
        for (WorkspaceRow r : List.copyOf(rows)) {
            scan(r, force);
        }
    }

    /** Queues a scan on the background worker; the FX thread only shows its progress and result. */
    private void scan(WorkspaceRow r, boolean force) {
        Fx.checkThread();
        Instant last = r.scannedAt;
        if (!force && last != null && last.plus(RESCAN_AFTER).isAfter(Instant.now())) {
            return;
        }
        Optional<String> skip = whyNotScanned(r.use.workspace());
        if (skip.isPresent()) {
            r.state = skip.get();
            r.report = null;
            workspaceTable.refresh();
            refreshSelected(r);
            return;
        }
        r.state = "queued";
        workspaceTable.refresh();
        worker.execute(() -> {
            if (closed) {
                return;
            }
            Fx.run(() -> {
                r.state = "scanning…";
                workspaceTable.refresh();
                refreshSelected(r);
            });
            try {
                WorkspaceScanner.Report report = scanner.scan(Path.of(r.use.workspace()));
                Fx.run(() -> {
                    r.report = report;
                    r.scannedAt = Instant.now();
                    int n = report.items().size();
                    r.state = n == 0 ? "clean" : n + (n == 1 ? " credential" : " credentials");
                    workspaceTable.refresh();
                    refreshSelected(r);
                });
            } catch (IOException | RuntimeException e) {
                Fx.run(() -> {
                    r.state = "scan failed: " + e.getMessage();
                    workspaceTable.refresh();
                    refreshSelected(r);
                });
            }
        });
    }

    /** Directories a scan would not help with: gone, not a directory, or far too broad. */
    static Optional<String> whyNotScanned(String workspace) {
        Path p;
        try {
            p = Path.of(workspace).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return Optional.of("not a path");
        }
        if (!Files.isDirectory(p)) {
            return Optional.of("not on this machine");
        }
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        if (p.getParent() == null || p.equals(home)) {
            return Optional.of("too broad to scan (run `interlock scan` on a project)");
        }
        return Optional.empty();
    }

    private void refreshSelected(WorkspaceRow r) {
        if (workspaceTable.getSelectionModel().getSelectedItem() == r) {
            showWorkspace(r);
        }
    }

    // ---- tables

    private void buildWorkspaceTable() {
        workspaceTable.setId("workspaces-table");
        workspaceTable.setItems(rows);
        workspaceTable.setPlaceholder(new Label("No workspaces yet: they appear once an agent acts in one."));
        workspaceTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        workspaceTable.getColumns().setAll(List.of(
                col("Workspace", 150, r -> SafeText.oneLine(Paths.tilde(r.use.workspace()))),
                col("Agents", 105, r -> SafeText.oneLine(String.join(", ", r.use.agents()))),
                col("Actions", 60, r -> String.format(Locale.US, "%,d", r.use.actions())),
                col("Last used", 112, r -> WHEN.format(r.use.lastSeen().atZone(ZoneId.systemDefault()))),
                stateColumn()));
        workspaceTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showWorkspace(b));
    }

    private TableColumn<WorkspaceRow, String> stateColumn() {
        TableColumn<WorkspaceRow, String> c = col("Credentials", 132, r -> r.state);
        c.setCellFactory(x -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                getStyleClass().removeAll("scan-found", "scan-clean");
                setText(empty ? null : v);
                if (!empty && v != null) {
                    if (v.endsWith("credential") || v.endsWith("credentials")) {
                        getStyleClass().add("scan-found");
                    } else if (v.equals("clean")) {
                        getStyleClass().add("scan-clean");
                    }
                }
            }
        });
        return c;
    }

    private static <T> TableColumn<T, String> col(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new SimpleStringProperty(cd.getValue() == null ? "" : value.apply(cd.getValue())));
        return c;
    }

    private void buildFindingTable() {
        findingTable.setId("workspaces-findings");
        findingTable.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        findingTable.getColumns().setAll(List.of(
                col("File", 170, (FindingRow f) -> f.file()),
                col("Line", 54, (FindingRow f) -> String.valueOf(f.line())),
                col("Kind", 170, (FindingRow f) -> f.kind()),
                col("Value (masked)", 140, (FindingRow f) -> f.masked()),
                col("Risk", 260, (FindingRow f) -> f.risk()),
                col("What to do", 520, (FindingRow f) -> f.suggestion())));
        findingTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showFinding(b));
    }

    private void showWorkspace(WorkspaceRow r) {
        findingDetail.getChildren().clear();
        if (r == null) {
            heading.setText("Select a workspace");
            facts.setText("");
            findingTable.getItems().clear();
            findingTable.setPlaceholder(new Label("Nothing selected."));
            return;
        }
        String ws = r.use.workspace();
        heading.setText(SafeText.oneLine(Paths.tilde(ws)));
        WorkspaceScanner.Report report = r.report;
        if (report == null) {
            facts.setText(cap(r.state) + ".");
            findingTable.getItems().clear();
            findingTable.setPlaceholder(new Label(cap(r.state) + "."));
            return;
        }
        int n = report.items().size();
        facts.setText("Scanned " + report.filesScanned() + " files (" + report.filesSkipped() + " binary or too large "
                + "skipped) in " + report.took().toMillis() + " ms at " + WHEN.format(r.scannedAt.atZone(ZoneId.systemDefault()))
                + " · " + (n == 0 ? "no credential an agent could read" : n + (n == 1 ? " credential" : " credentials")
                + " an agent working here can read"));
        findingTable.setPlaceholder(new Label("No credentials found: nothing here for an agent to pick up."));
        findingTable.getItems().setAll(report.items().stream().map(i -> row(i, ws)).toList());
        if (n > 0) {
            findingTable.getSelectionModel().select(0);
        }
    }

    private FindingRow row(WorkspaceScanner.Item i, String ws) {
        Optional<String> label = allowed.allowed(ws, i.fingerprint());
        String kind = (i.provider().equals("any") ? "" : i.provider() + " ") + i.kind();
        return new FindingRow(SafeText.oneLine(i.file()), i.line(), SafeText.oneLine(kind), SafeText.oneLine(i.masked()),
                SafeText.oneLine(i.risk()), SafeText.oneLine(Remedies.suggest(i, label)), Remedies.allowCommand(i, ws),
                i.fingerprint());
    }

    private void showFinding(FindingRow f) {
        findingDetail.getChildren().clear();
        if (f == null) {
            return;
        }
        Label where = new Label(f.file() + ":" + f.line() + " — " + f.kind() + " " + f.masked() + " (fp=" + f.fingerprint() + ")");
        where.getStyleClass().add(Styles.TEXT_BOLD);
        Label risk = wrapped("Risk: " + f.risk());
        Label todo = wrapped("What to do: " + f.suggestion());
        todo.setId("workspaces-suggestion");
        Label command = new Label(f.allowCommand());
        command.setId("workspaces-allow-command");
        command.getStyleClass().add("mono");
        command.setWrapText(true);
        command.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(command, Priority.ALWAYS);
        Button copy = new Button("Copy command", new FontIcon(Feather.COPY));
        copy.getStyleClass().add(Styles.SMALL);
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(f.allowCommand());
            Clipboard.getSystemClipboard().setContent(c);
        });
        HBox cmd = new HBox(8, command, copy);
        cmd.setAlignment(Pos.CENTER_LEFT);
        findingDetail.getChildren().addAll(where, risk, todo, cmd);
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add(Styles.TEXT_SMALL);
        return l;
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public void close() {
        closed = true;
        worker.shutdownNow();
    }
}
