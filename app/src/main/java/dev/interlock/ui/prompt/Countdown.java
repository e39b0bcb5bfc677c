package dev.interlock.ui.prompt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The countdown to the broker's deadline, shown on the default (Deny) button: "Deny (42)". Any interaction
 * freezes it, so a human reading the details is not rushed by a ticking number; the broker's deadline itself is
 * not ours to move, so the frozen state says honestly when the agent stops waiting.
 */
public final class Countdown {
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Instant deadline;
    private final Clock clock;
    private final String verb;
    private final ReadOnlyStringWrapper buttonText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper frozen = new ReadOnlyBooleanWrapper(false);
    private final Timeline tick;

    public Countdown(String verb, Instant deadline, Clock clock) {
        this.verb = verb;
        this.deadline = deadline;
        this.clock = clock;
        this.tick = new Timeline(new KeyFrame(javafx.util.Duration.millis(200), e -> update()));
        tick.setCycleCount(Animation.INDEFINITE);
        update();
    }

    // ---- properties

    public ReadOnlyStringProperty buttonTextProperty() {
        return buttonText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty frozenProperty() {
        return frozen.getReadOnlyProperty();
    }

    public long secondsLeft() {
        long ms = Duration.between(clock.instant(), deadline).toMillis();
        return Math.max(0, (ms + 999) / 1000);
    }

    // ---- commands

    public void start() {
        if (!frozen.get()) {
            tick.play();
        }
    }

    /** Stops the visible countdown for good (any click, key or scroll in the pop-up). */
    public void freeze() {
        if (frozen.get()) {
            return;
        }
        frozen.set(true);
        tick.stop();
        update();
    }

    public void stop() {
        tick.stop();
    }

    private void update() {
        long left = secondsLeft();
        String at = HH_MM_SS.format(deadline.atZone(ZoneId.systemDefault()));
        if (frozen.get()) {
            buttonText.set(verb);
            status.set("Countdown paused. If nobody answers, the agent is denied at " + at + ".");
        } else {
            buttonText.set(verb + " (" + left + ")");
            status.set(left == 0 ? "Deadline reached: denied." : "Denied automatically in " + left + " s unless you answer.");
        }
    }
}
