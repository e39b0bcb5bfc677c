package dev.interlock.ui.tray;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What the tray shows, computed from the guard's state. The state is the most urgent thing true right now.
 *
 * @param pending     approvals waiting for a human
 * @param missed      asks denied by timeout since the user last looked at the timeline
 * @param frozen      the kill switch is engaged
 * @param pausedUntil non-critical asks are allowed (and recorded) until then; {@code null}: not paused
 * @param problems    why the guard is unhealthy; empty when it is fine
 */
public record TrayStatus(int pending, int missed, boolean frozen, Instant pausedUntil, List<String> problems) {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    public enum State { PROTECTED, PENDING, PAUSED, FROZEN, UNHEALTHY, MISSED }

    public TrayStatus {
        problems = List.copyOf(problems);
    }

    public static TrayStatus protectedNow() {
        return new TrayStatus(0, 0, false, null, List.of());
    }

    public State state() {
        if (!problems.isEmpty()) {
            return State.UNHEALTHY;
        }
        if (frozen) {
            return State.FROZEN;
        }
        if (pending > 0) {
            return State.PENDING;
        }
        if (missed > 0) {
            return State.MISSED;
        }
        if (pausedUntil != null) {
            return State.PAUSED;
        }
        return State.PROTECTED;
    }

    public boolean paused() {
        return pausedUntil != null;
    }

    /** One line for the tooltip and the menu title. */
    public String headline() {
        return switch (state()) {
            case PROTECTED -> "Interlock: protecting your agents";
            case PENDING -> "Interlock: " + pending + (pending == 1 ? " approval waits" : " approvals wait") + " for you";
            case PAUSED -> "Interlock: paused until " + HH_MM.format(pausedUntil.atZone(ZoneId.systemDefault()))
                    + " (critical and production still ask)";
            case FROZEN -> "Interlock: FROZEN — every agent action is denied";
            case UNHEALTHY -> "Interlock: needs attention — " + problems.get(0);
            case MISSED -> "Interlock: " + missed + (missed == 1 ? " ask was" : " asks were") + " denied while you were away";
        };
    }

    /** The tray icon's tooltip: the headline, and while paused what a pause lets through. */
    public String tooltip() {
        if (pausedUntil == null || state() == State.FROZEN) {
            return headline();
        }
        String until = HH_MM.format(pausedUntil.atZone(ZoneId.systemDefault()));
        return headline() + (state() == State.PAUSED ? "" : " · paused until " + until) + "\nPaused: "
                + dev.interlock.broker.Broker.PAUSE_SEMANTICS + ".";
    }

    public TrayStatus withPending(int n) {
        return new TrayStatus(n, missed, frozen, pausedUntil, problems);
    }

    public TrayStatus withMissed(int n) {
        return new TrayStatus(pending, n, frozen, pausedUntil, problems);
    }

    public TrayStatus withFrozen(boolean f) {
        return new TrayStatus(pending, missed, f, pausedUntil, problems);
    }

    public TrayStatus withPausedUntil(Instant until) {
        return new TrayStatus(pending, missed, frozen, until, problems);
    }

    public TrayStatus withProblems(List<String> p) {
        return new TrayStatus(pending, missed, frozen, pausedUntil, p);
    }
}
