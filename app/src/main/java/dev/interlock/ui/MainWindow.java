package dev.interlock.ui;

import dev.interlock.ui.fx.Theme;
import dev.interlock.ui.packs.PacksView;
import dev.interlock.ui.settings.SettingsView;
import dev.interlock.ui.timeline.TimelineView;
import dev.interlock.ui.workspaces.WorkspacesView;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The one regular window: timeline, packs and settings as tabs; its title names the tab ("Interlock — Timeline"). */
public final class MainWindow {
    public enum Page { TIMELINE, PACKS, SETTINGS, WORKSPACES }

    private final Stage stage = new Stage();
    private final TabPane tabs = new TabPane();
    private final TimelineView timeline;
    private final PacksView packs;
    private final SettingsView settings;
    private final WorkspacesView workspaces;

    public MainWindow(TimelineView timeline, PacksView packs, SettingsView settings, WorkspacesView workspaces) {
        this.timeline = timeline;
        this.packs = packs;
        this.settings = settings;
        this.workspaces = workspaces;
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab ws = tab("Workspaces", Feather.FOLDER, workspaces.root());
        ws.setId("tab-workspaces");
        tabs.getTabs().addAll(tab("Timeline", Feather.ACTIVITY, timeline.root()), tab("Packs", Feather.LAYERS, packs.root()),
                tab("Settings", Feather.SETTINGS, settings.root()), ws);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            title();
            if (b == ws && !workspaces.loaded()) {
                workspaces.show(); // reached from the tab: load and scan on first sight
            }
        });
        Scene scene = new Scene(tabs, 1280, 780);
        Theme.style(scene);
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> stage.hide());
        title();
    }

    private static Tab tab(String name, Feather icon, javafx.scene.Node content) {
        Tab t = new Tab(name, content);
        t.setGraphic(new FontIcon(icon));
        return t;
    }

    private void title() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        stage.setTitle("Interlock — " + (t == null ? "Timeline" : t.getText()));
    }

    public void show(Page page) {
        switch (page) {
            case TIMELINE -> timeline.refresh();
            case PACKS -> packs.reload();
            case SETTINGS -> settings.load();
            case WORKSPACES -> workspaces.show();
        }
        tabs.getSelectionModel().select(page.ordinal());
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    public TimelineView timeline() {
        return timeline;
    }

    public PacksView packs() {
        return packs;
    }

    public WorkspacesView workspaces() {
        return workspaces;
    }

    public SettingsView settings() {
        return settings;
    }
}
