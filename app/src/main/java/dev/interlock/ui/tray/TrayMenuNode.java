package dev.interlock.ui.tray;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The tray menu drawn as JavaFX nodes: used by the window that replaces the tray on desktops without one, and to
 * render the menu for the screenshots (a native tray menu cannot be snapshotted).
 */
public final class TrayMenuNode {
    private TrayMenuNode() {
    }

    public static VBox render(TrayStatus status, List<TrayMenu.Item> items) {
        VBox box = new VBox(0);
        box.getStyleClass().add("tray-menu");
        ImageView icon = new ImageView(TrayIcons.fx(status, 32));
        icon.setFitWidth(22);
        icon.setFitHeight(22);
        for (TrayMenu.Item it : items) {
            if (it.separator()) {
                Separator s = new Separator();
                s.getStyleClass().add("tray-menu-separator");
                box.getChildren().add(s);
                continue;
            }
            if (!it.enabled() && "title".equals(it.id())) {
                Label t = new Label(it.label(), icon);
                t.getStyleClass().add("tray-menu-title");
                t.setWrapText(true);
                t.setMaxWidth(360);
                t.setTooltip(new javafx.scene.control.Tooltip(status.tooltip()));
                box.getChildren().add(t);
                continue;
            }
            Button b = new Button(it.label());
            b.setId("tray-" + it.id());
            if (it.icon() != null) {
                b.setGraphic(new FontIcon(it.icon()));
            }
            b.getStyleClass().addAll("flat", "tray-menu-item");
            b.setAlignment(Pos.CENTER_LEFT);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setDisable(!it.enabled());
            b.setOnAction(e -> it.action().run());
            if (it.id().startsWith("pause")) {
                b.setTooltip(new javafx.scene.control.Tooltip("Pause: " + dev.interlock.broker.Broker.PAUSE_SEMANTICS + "."));
            }
            box.getChildren().add(new HBox(b));
            HBox.setHgrow(b, javafx.scene.layout.Priority.ALWAYS);
        }
        return box;
    }

    public static Node icon(TrayStatus status, int size) {
        return new ImageView(TrayIcons.fx(status, size));
    }
}
