package dev.interlock.ui.shots;

import dev.interlock.broker.PendingApproval;
import dev.interlock.policy.Severity;
import dev.interlock.ui.RecordingDesk;
import dev.interlock.ui.Samples;
import dev.interlock.ui.fx.Fx;
import dev.interlock.ui.fx.Theme;
import dev.interlock.ui.prompt.PromptWindow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regenerates {@code screenshots/*.png} from the real UI, headless:
 * {@code mvn -q -B -o test -pl app -Dtest=ScreenshotsTest -Dinterlock.screenshots=$PWD/screenshots}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "interlock.screenshots", matches = ".+")
class ScreenshotsTest {
    private final Path dir = Path.of(System.getProperty("interlock.screenshots", "screenshots"));

    @Start
    void start(Stage ignored) {
        Theme.apply();
    }

    @Test
    void popupRailwayVolumeDelete() throws Exception {
        RecordingDesk desk = new RecordingDesk();
        PromptWindow w = Fx.await(() -> new PromptWindow(desk, Clock.systemUTC(), 0).attach());
        desk.submit(Samples.railway("k7q2", Duration.ofSeconds(94)));
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(400);
        WaitForAsyncUtils.waitForFxEvents();
        Fx.await(() -> {
            try {
                Png.write(w.stage().getScene(), dir.resolve("popup-railway-volume-delete.png"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        desk.submit(Samples.shell("m3x9", "cursor", "git push --force origin main", Severity.HIGH, Duration.ofSeconds(80)));
        desk.submit(Samples.shell("p0a1", "claude-code", "terraform destroy -auto-approve", Severity.HIGH, Duration.ofSeconds(110)));
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(400);
        Fx.await(() -> {
            try {
                Png.write(w.stage().getScene(), dir.resolve("popup-queue.png"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            w.stage().hide();
            return null;
        });
    }
}
