package dev.interlock.ui.tray;

import java.util.List;

/** Where the tray menu lives: the system tray, or a small window where the desktop has none. */
public interface TrayHost {
    void show(TrayStatus status, List<TrayMenu.Item> items);

    /** A desktop notification (missed decision, hotkey unavailable); the fallback window shows it inline. */
    void notify(String title, String text);

    void close();
}
