package dev.interlock.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrayStatusTest {
    private final List<String> calls = new ArrayList<>();
    private final TrayMenu.Commands commands = new TrayMenu.Commands() {
        public void openTimeline() { calls.add("timeline"); }
        public void openPending() { calls.add("pending"); }
        public void openPacks() { calls.add("packs"); }
        public void openSettings() { calls.add("settings"); }
        public void openWorkspaces() { calls.add("workspaces"); }
        public void pause(Duration d) { calls.add("pause " + d.toMinutes()); }
        public void resume() { calls.add("resume"); }
        public void freeze() { calls.add("freeze"); }
        public void thaw() { calls.add("thaw"); }
        public void quit() { calls.add("quit"); }
    };

    @Test
    void theMostUrgentStateWins() {
        TrayStatus s = TrayStatus.protectedNow();
        assertEquals(TrayStatus.State.PROTECTED, s.state());
        assertEquals(TrayStatus.State.PAUSED, s.withPausedUntil(Instant.now().plusSeconds(60)).state());
        assertEquals(TrayStatus.State.MISSED, s.withPausedUntil(Instant.now()).withMissed(1).state());
        assertEquals(TrayStatus.State.PENDING, s.withMissed(1).withPending(2).state());
        assertEquals(TrayStatus.State.FROZEN, s.withPending(2).withFrozen(true).state());
        assertEquals(TrayStatus.State.UNHEALTHY, s.withFrozen(true).withProblems(List.of("control API down")).state());
        assertEquals("Interlock: 2 approvals wait for you", s.withPending(2).headline());
        assertTrue(s.withProblems(List.of("control API down")).headline().endsWith("control API down"));
    }

    @Test
    void everyStateHasItsOwnIcon() {
        List<TrayStatus> states = List.of(TrayStatus.protectedNow(), TrayStatus.protectedNow().withPending(3),
                TrayStatus.protectedNow().withPausedUntil(Instant.now().plusSeconds(60)),
                TrayStatus.protectedNow().withFrozen(true), TrayStatus.protectedNow().withProblems(List.of("x")),
                TrayStatus.protectedNow().withMissed(1));
        List<String> seen = new ArrayList<>();
        for (TrayStatus s : states) {
            BufferedImage img = TrayIcons.awt(s, 32);
            StringBuilder sig = new StringBuilder();
            for (int y = 0; y < 32; y += 2) {
                for (int x = 0; x < 32; x += 2) {
                    sig.append(Integer.toHexString(img.getRGB(x, y)));
                }
            }
            assertFalse(seen.contains(sig.toString()), s.state() + " looks like another state");
            seen.add(sig.toString());
        }
        assertNotEquals(sig(TrayIcons.awt(TrayStatus.protectedNow().withPending(1), 32)),
                sig(TrayIcons.awt(TrayStatus.protectedNow().withPending(2), 32)), "the pending icon shows the count");
    }

    private static String sig(BufferedImage img) {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                sb.append(img.getRGB(x, y)).append(',');
            }
        }
        return sb.toString();
    }

    @Test
    void menuFollowsTheStateAndRunsTheCommands() {
        List<TrayMenu.Item> normal = TrayMenu.items(TrayStatus.protectedNow(), commands);
        List<String> ids = normal.stream().map(TrayMenu.Item::id).toList();
        assertEquals(List.of("title", "sep", "pending", "timeline", "packs", "workspaces", "settings", "sep", "pause15", "pause60",
                "freeze", "sep", "quit"), ids);
        assertFalse(normal.get(2).enabled(), "nothing pending");
        normal.stream().filter(i -> i.action() != null && i.enabled() && !i.id().equals("title")).forEach(i -> i.action().run());
        assertEquals(List.of("timeline", "packs", "workspaces", "settings", "pause 15", "pause 60", "freeze", "quit"), calls);

        List<String> frozenPaused = TrayMenu.items(TrayStatus.protectedNow().withFrozen(true)
                .withPausedUntil(Instant.now().plusSeconds(60)), commands).stream().map(TrayMenu.Item::id).toList();
        assertTrue(frozenPaused.contains("thaw") && frozenPaused.contains("resume"));
        assertFalse(frozenPaused.contains("freeze") || frozenPaused.contains("pause15"));
    }

    @Test
    void thePausedTooltipSaysWhatStillAsks() {
        TrayStatus paused = TrayStatus.protectedNow().withPausedUntil(Instant.now().plusSeconds(900));
        assertTrue(paused.headline().contains("critical and production still ask"), paused.headline());
        assertTrue(paused.tooltip().contains(dev.interlock.broker.Broker.PAUSE_SEMANTICS), paused.tooltip());
        assertTrue(paused.withPending(1).tooltip().contains("paused until"), "a pending ask does not hide the pause");
        assertEquals(TrayStatus.protectedNow().headline(), TrayStatus.protectedNow().tooltip());
    }
}
