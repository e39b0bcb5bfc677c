package dev.interlock.ui.tray;

import java.util.ArrayList;
import java.util.List;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * The tray menu as data, rebuilt from the status every time it changes (rendered by the system tray, the
 * fallback window, and the screenshot).
 */
public final class TrayMenu {

    /** What the menu can ask the app to do. */
    public interface Commands {
        void openTimeline();

        void openPending();

        void openPacks();

        void openSettings();

        /** The workspaces agents used and the credentials an agent can read there. */
        default void openWorkspaces() {
            openTimeline();
        }

        void pause(java.time.Duration d);

        void resume();

        void freeze();

        void thaw();

        void quit();
    }

    /** One menu entry; {@code action == null} marks a separator, {@code enabled == false} a greyed-out title. */
    public record Item(String id, String label, Ikon icon, Runnable action, boolean enabled) {
        public boolean separator() {
            return action == null && label == null;
        }

        static Item separatorItem() {
            return new Item("sep", null, null, null, false);
        }
    }

    private TrayMenu() {
    }

    public static List<Item> items(TrayStatus s, Commands c) {
        List<Item> out = new ArrayList<>();
        out.add(new Item("title", s.headline(), null, () -> { }, false));
        out.add(Item.separatorItem());
        out.add(new Item("pending", s.pending() > 0 ? "Pending approvals (" + s.pending() + ")…" : "Pending approvals",
                Feather.BELL, c::openPending, s.pending() > 0));
        out.add(new Item("timeline", s.missed() > 0 ? "Open timeline (" + s.missed() + " missed)…" : "Open timeline…",
                Feather.ACTIVITY, c::openTimeline, true));
        out.add(new Item("packs", "Packs and rules…", Feather.LAYERS, c::openPacks, true));
        out.add(new Item("workspaces", "Workspaces and secrets…", Feather.FOLDER, c::openWorkspaces, true));
        out.add(new Item("settings", "Settings…", Feather.SETTINGS, c::openSettings, true));
        out.add(Item.separatorItem());
        if (s.paused()) {
            out.add(new Item("resume", "Resume prompts", Feather.PLAY, c::resume, true));
        } else {
            out.add(new Item("pause15", "Pause prompts for 15 minutes", Feather.PAUSE, () -> c.pause(java.time.Duration.ofMinutes(15)), !s.frozen()));
            out.add(new Item("pause60", "Pause prompts for 1 hour", Feather.PAUSE_CIRCLE, () -> c.pause(java.time.Duration.ofHours(1)), !s.frozen()));
        }
        if (s.frozen()) {
            out.add(new Item("thaw", "Unfreeze agents", Feather.UNLOCK, c::thaw, true));
        } else {
            out.add(new Item("freeze", "Freeze all agents (kill switch)", Feather.LOCK, c::freeze, true));
        }
        out.add(Item.separatorItem());
        out.add(new Item("quit", "Quit Interlock", Feather.POWER, c::quit, true));
        return out;
    }
}
