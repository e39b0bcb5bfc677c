package dev.interlock.ui.hotkey;

import java.util.Locale;

/**
 * A global shortcut as written in settings: {@code ctrl+alt+shift+K} (modifiers ctrl, alt, shift, meta/cmd in any
 * order, then one key: a letter, a digit or F1–F24).
 */
public record HotkeySpec(boolean ctrl, boolean alt, boolean shift, boolean meta, String key) {

    /** @throws IllegalArgumentException naming the part that is wrong */
    public static HotkeySpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("hotkey is empty");
        }
        boolean ctrl = false;
        boolean alt = false;
        boolean shift = false;
        boolean meta = false;
        String key = null;
        for (String raw : text.split("\\+")) {
            String p = raw.trim().toLowerCase(Locale.ROOT);
            switch (p) {
                case "ctrl", "control" -> ctrl = true;
                case "alt", "option" -> alt = true;
                case "shift" -> shift = true;
                case "meta", "cmd", "command", "super", "win" -> meta = true;
                default -> {
                    if (key != null) {
                        throw new IllegalArgumentException("hotkey '" + text + "' has two keys: " + key + " and " + raw.trim());
                    }
                    if (!p.matches("[a-z0-9]|f([1-9]|1[0-9]|2[0-4])")) {
                        throw new IllegalArgumentException("hotkey '" + text + "': '" + raw.trim()
                                + "' is not a letter, digit or F1-F24");
                    }
                    key = p.toUpperCase(Locale.ROOT);
                }
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("hotkey '" + text + "' has no key after the modifiers");
        }
        if (!ctrl && !alt && !meta) {
            throw new IllegalArgumentException("hotkey '" + text + "' needs ctrl, alt or meta, or it fires while typing");
        }
        return new HotkeySpec(ctrl, alt, shift, meta, key);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (ctrl) {
            sb.append("Ctrl+");
        }
        if (alt) {
            sb.append("Alt+");
        }
        if (shift) {
            sb.append("Shift+");
        }
        if (meta) {
            sb.append("Meta+");
        }
        return sb.append(key).toString();
    }
}
