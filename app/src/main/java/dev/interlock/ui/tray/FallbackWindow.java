package dev.interlock.ui.tray;

import dev.interlock.ui.fx.Theme;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * Stands in for the tray where the desktop has none (plain X without a tray host, Wayland): a small window with
 * the same status and menu. Closing it only minimises it; "Quit Interlock" quits.
 */
public final class FallbackWindow implements TrayHost {
    private final Stage stage = new Stage();
    private final BorderPane root = new BorderPane();
    private final VBox notices = new VBox(4);

    public FallbackWindow(String why) {
        stage.setTitle("Interlock");
        Label reason = new Label(why);
        reason.setWrapText(true);
        reason.getStyleClass().addAll("text-small", "text-muted");
        notices.getChildren().add(reason);
        notices.setStyle("-fx-padding: 8 12 10 12;");
        root.setBottom(notices);
        Scene scene = new Scene(root, 380, 470);
        Theme.style(scene);
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            e.consume();
            stage.setIconified(true);
        });
        stage.show();
    }

    @Override
    public void show(TrayStatus status, List<TrayMenu.Item> items) {
        root.setCenter(TrayMenuNode.render(status, items));
        stage.setTitle("Interlock — " + status.state().name().toLowerCase(java.util.Locale.ROOT));
        stage.getIcons().setAll(TrayIcons.fx(status, 64));
    }

    @Override
    public void notify(String title, String text) {
        Label l = new Label(title + ": " + text);
        l.setWrapText(true);
        notices.getChildren().add(l);
        if (notices.getChildren().size() > 4) {
            notices.getChildren().remove(1);
        }
    }

    public Stage stage() {
        return stage;
    }

    @Override
    public void close() {
        stage.hide();
    }
}
