package dev.interlock.ui.hotkey;

import com.github.kwhat.jnativehook.GlobalScreen;
import com.github.kwhat.jnativehook.NativeInputEvent;
import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import com.github.kwhat.jnativehook.keyboard.NativeKeyListener;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kill-switch hotkey, system-wide (jnativehook). Loading a native keyboard hook can fail in many ways (no
 * X display, Wayland, macOS without Accessibility permission, missing X libraries); then {@link #start} says why
 * and the tray item remains the way to freeze.
 */
public final class KillSwitchHotkey implements NativeKeyListener {
    private final HotkeySpec spec;
    private final int keyCode;
    private final Runnable onPress;
    private boolean registered;

    public KillSwitchHotkey(HotkeySpec spec, Runnable onPress) {
        this.spec = spec;
        this.onPress = onPress;
        this.keyCode = keyCode(spec.key());
    }

    /** Registers the hook; empty on success, else why it is unavailable (one sentence for the user). */
    public Optional<String> start() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("linux")) {
            if (System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isBlank()) {
                return Optional.of(System.getenv("WAYLAND_DISPLAY") != null
                        ? "Wayland without XWayland keyboard access: global hotkeys are not possible"
                        : "no X display");
            }
        }
        try {
            Logger.getLogger(GlobalScreen.class.getPackage().getName()).setLevel(Level.WARNING);
            Logger.getLogger(GlobalScreen.class.getPackage().getName()).setUseParentHandlers(false);
            GlobalScreen.registerNativeHook();
            GlobalScreen.addNativeKeyListener(this);
            registered = true;
            return Optional.empty();
        } catch (Throwable t) {
            String detail = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (os.contains("mac")) {
                detail += " (allow Interlock under System Settings → Privacy & Security → Accessibility)";
            }
            return Optional.of("the native keyboard hook could not load: " + detail);
        }
    }

    public HotkeySpec spec() {
        return spec;
    }

    public void stop() {
        if (!registered) {
            return;
        }
        try {
            GlobalScreen.removeNativeKeyListener(this);
            GlobalScreen.unregisterNativeHook();
        } catch (Throwable ignored) {
            // shutting down anyway
        }
        registered = false;
    }

    @Override
    public void nativeKeyPressed(NativeKeyEvent e) {
        if (matches(e.getKeyCode(), e.getModifiers())) {
            onPress.run();
        }
    }

    boolean matches(int code, int mods) {
        return code == keyCode
                && spec.ctrl() == ((mods & NativeInputEvent.CTRL_MASK) != 0)
                && spec.alt() == ((mods & NativeInputEvent.ALT_MASK) != 0)
                && spec.shift() == ((mods & NativeInputEvent.SHIFT_MASK) != 0)
                && spec.meta() == ((mods & NativeInputEvent.META_MASK) != 0);
    }

    static int keyCode(String key) {
        try {
            return NativeKeyEvent.class.getField("VC_" + key).getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("no key code for '" + key + "'");
        }
    }
}
