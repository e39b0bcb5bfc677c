package dev.interlock.ui.tray;

import com.dustinredmond.fxtrayicon.FXTrayIcon;
import java.util.List;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/** The OS tray icon (FXTrayIcon over AWT); only where {@link #supported()} says a tray host exists. */
public final class SystemTrayHost implements TrayHost {
    private final FXTrayIcon icon;
    private TrayStatus.State shownState;
    private int shownPending = -1;

    public SystemTrayHost() {
        Stage owner = new Stage(StageStyle.UTILITY);
        owner.setTitle("Interlock");
        this.icon = new FXTrayIcon.Builder(owner, TrayIcons.fx(TrayStatus.protectedNow(), 64)).build();
        icon.setApplicationTitle("Interlock");
        icon.setTrayIconTooltip("Interlock");
        icon.show();
    }

    /** True when the desktop has a tray host (false on plain Xvfb without one, pure Wayland, headless). */
    public static boolean supported() {
        try {
            return !java.awt.GraphicsEnvironment.isHeadless() && FXTrayIcon.isSupported();
        } catch (Throwable t) {
            return false;
        }
    }

    @Override
    public void show(TrayStatus status, List<TrayMenu.Item> items) {
        if (status.state() != shownState || status.pending() != shownPending) {
            icon.setGraphic(TrayIcons.awt(status, 64));
            shownState = status.state();
            shownPending = status.pending();
        }
        icon.setTrayIconTooltip(status.tooltip());
        icon.clear();
        for (TrayMenu.Item it : items) {
            if (it.separator()) {
                icon.addMenuItem(new SeparatorMenuItem());
                continue;
            }
            MenuItem m = new MenuItem(it.label());
            m.setDisable(!it.enabled());
            m.setOnAction(e -> it.action().run());
            icon.addMenuItem(m);
        }
    }

    @Override
    public void notify(String title, String text) {
        icon.showInfoMessage(title, text);
    }

    @Override
    public void close() {
        icon.hide();
    }
}
