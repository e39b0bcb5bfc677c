package dev.interlock.ui.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.audit.AuditRecord;
import dev.interlock.config.DataDir;
import dev.interlock.hooks.HookAdapters;
import dev.interlock.server.ControlClient;
import dev.interlock.server.ControlServer;
import dev.interlock.service.GuardService;
import dev.interlock.ui.fx.Fx;
import dev.interlock.ui.fx.Theme;
import dev.interlock.ui.prompt.PromptWindow;
import dev.interlock.ui.timeline.TimelineView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real guard (bundled packs, SQLite audit log, loopback control API): a hook-style submission asks, the
 * pop-up shows it, a click on Deny releases the caller with deny, and the timeline shows "decided by popup".
 */
@ExtendWith(ApplicationExtension.class)
class PopupEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    private GuardService guard;
    private ControlServer server;
    private PromptWindow window;

    @Start
    void start(Stage ignored) {
        Theme.apply();
    }

    @AfterEach
    void stop() {
        if (window != null) {
            Fx.await(() -> {
                window.detach();
                window.stage().hide();
                return null;
            });
        }
        if (server != null) {
            server.close();
        }
        if (guard != null) {
            guard.close();
        }
    }

    private static String submission(String agent, String script) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode action = body.putObject("action");
        action.put("kind", "shell");
        action.put("script", script);
        action.put("cwd", "/home/dev/infra");
        ObjectNode origin = body.putObject("origin");
        origin.put("agent", agent);
        origin.put("sessionId", "sess-e2e");
        origin.put("workspace", "/home/dev/infra");
        return body.toString();
    }

    @Test
    void askRaisesThePopupDenyReleasesTheCallerAndTheTimelineSaysPopup(FxRobot robot) throws Exception {
        long t00 = System.nanoTime();
        guard = GuardService.open(new DataDir(tmp), GuardService.Options.DEFAULT.withDeadline(Duration.ofSeconds(60))
                .withWatchFiles(false));
        server = ControlServer.start(guard, HookAdapters.standard(), 0);
        System.err.println("guard open ms " + (System.nanoTime() - t00) / 1_000_000);
        ControlClient hook = ControlClient.connect(guard.dataDir(), false).orElseThrow();
        window = Fx.await(() -> new PromptWindow(guard.desk(), Clock.systemUTC(), 100).attach());

        CompletableFuture<ControlClient.Response> caller = CompletableFuture.supplyAsync(() -> {
            try {
                return hook.postRaw("/v1/decide", submission("claude-code", "terraform destroy -auto-approve"),
                        Duration.ofSeconds(60));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.stage().isShowing() && window.queue().size() == 1);
        System.err.println("popup shown ms " + (System.nanoTime() - t00) / 1_000_000);
        String headline = Fx.await(() -> ((Label) window.stage().getScene().lookup("#headline")).getText());
        System.err.println("windows: " + Fx.await(() -> javafx.stage.Window.getWindows().size()) + " showing="
                + window.stage().isShowing());
        assertTrue(headline.startsWith("claude-code wants to destroy"), headline);
        assertTrue(!caller.isDone(), "the caller is held while the human looks");
        Thread.sleep(250);
        robot.clickOn(Fx.await(() -> window.stage().getScene().lookup("#deny")));

        ControlClient.Response r = caller.get(20, TimeUnit.SECONDS);
        System.err.println("answered ms " + (System.nanoTime() - t00) / 1_000_000);
        JsonNode res = r.json();
        assertEquals("deny", res.path("verdict").asText(), r.text());
        assertEquals("human:popup", res.path("decidedBy").asText());

        TimelineView timeline = Fx.await(() -> new TimelineView(guard.audit(), draft -> { }));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> timeline.totalProperty().get() >= 1);
        AuditRecord row = Fx.await(() -> timeline.table().getItems().get(0));
        assertEquals("terraform destroy -auto-approve", row.summary());
        String decided = Fx.await(() -> cell(timeline, "Decided by"));
        assertEquals("popup", decided);
        assertEquals("deny", Fx.await(() -> cell(timeline, "Verdict")));
        Fx.await(() -> {
            timeline.close();
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private static String cell(TimelineView t, String column) {
        for (TableColumn<AuditRecord, ?> c : t.table().getColumns()) {
            if (c.getText().equals(column)) {
                return String.valueOf(((TableColumn<AuditRecord, String>) c).getCellObservableValue(0).getValue());
            }
        }
        throw new AssertionError("no column " + column);
    }
}
