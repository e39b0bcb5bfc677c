package dev.interlock.ui.hotkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.kwhat.jnativehook.NativeInputEvent;
import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import org.junit.jupiter.api.Test;

class HotkeySpecTest {

    @Test
    void parsesTheDefaultAndMatchesOnlyTheExactChord() {
        HotkeySpec spec = HotkeySpec.parse("ctrl+alt+shift+K");
        assertEquals("Ctrl+Alt+Shift+K", spec.toString());
        int[] fired = {0};
        KillSwitchHotkey h = new KillSwitchHotkey(spec, () -> fired[0]++);
        int all = NativeInputEvent.CTRL_L_MASK | NativeInputEvent.ALT_L_MASK | NativeInputEvent.SHIFT_L_MASK;
        assertTrue(h.matches(NativeKeyEvent.VC_K, all));
        assertFalse(h.matches(NativeKeyEvent.VC_K, NativeInputEvent.CTRL_L_MASK | NativeInputEvent.ALT_L_MASK));
        assertFalse(h.matches(NativeKeyEvent.VC_J, all));
        assertFalse(h.matches(NativeKeyEvent.VC_K, all | NativeInputEvent.META_L_MASK));
    }

    @Test
    void badHotkeysSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HotkeySpec.parse("shift+K")).getMessage()
                .contains("needs ctrl, alt or meta"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HotkeySpec.parse("ctrl+alt")).getMessage()
                .contains("no key"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HotkeySpec.parse("ctrl+space")).getMessage()
                .contains("'space'"));
        assertEquals("F12", HotkeySpec.parse("cmd+F12").key());
    }

    @Test
    void withoutADisplayTheHookSaysWhyInsteadOfThrowing() {
        if (System.getenv("DISPLAY") != null) {
            return;
        }
        assertTrue(new KillSwitchHotkey(HotkeySpec.parse("ctrl+alt+shift+K"), () -> { }).start().isPresent());
    }
}
