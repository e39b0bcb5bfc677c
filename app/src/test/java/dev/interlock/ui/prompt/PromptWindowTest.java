package dev.interlock.ui.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.broker.Grant;
import dev.interlock.broker.PendingApproval;
import dev.interlock.policy.Severity;
import dev.interlock.ui.RecordingDesk;
import dev.interlock.ui.Samples;
import dev.interlock.ui.fx.Fx;
import dev.interlock.ui.fx.Theme;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class PromptWindowTest {
    private static final long GUARD = 150;
    private final RecordingDesk desk = new RecordingDesk();
    private PromptWindow window;

    @Start
    void start(Stage ignored) {
        Theme.apply();
    }

    @AfterEach
    void close() {
        if (window != null) {
            Fx.await(() -> {
                window.detach();
                window.stage().hide();
                return null;
            });
        }
    }

    private void open(long guardMillis, PendingApproval... approvals) {
        window = Fx.await(() -> new PromptWindow(desk, Clock.systemUTC(), guardMillis).attach());
        for (PendingApproval p : approvals) {
            desk.submit(p);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void pastGuard(long guardMillis) throws InterruptedException {
        Thread.sleep(guardMillis + 60);
    }

    @Test
    void enterDeniesEscDeniesAndShortcutEnterAllowsOnce(FxRobot robot) throws Exception {
        // the queue moves on only after the broker accepted an answer, so wait for each hop
        open(GUARD, Samples.shell("a1", "cursor", "git push --force origin feature", Severity.HIGH, Duration.ofSeconds(60)),
                Samples.shell("a2", "cursor", "git push --force origin other", Severity.HIGH, Duration.ofSeconds(60)),
                Samples.shell("a3", "cursor", "git push --force origin third", Severity.HIGH, Duration.ofSeconds(60)));
        assertTrue(window.stage().isShowing());
        assertTrue(window.stage().isAlwaysOnTop());
        assertTrue(window.stage().getTitle().startsWith("Interlock"));
        pastGuard(GUARD);

        robot.push(KeyCode.ENTER);
        RecordingDesk.Answered first = desk.nextAnswer(3000);
        assertEquals("a1", first.id());
        assertFalse(first.answer().allow());
        assertEquals("popup", first.answer().surface());

        WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> window.queue().size() == 2);
        robot.push(KeyCode.ESCAPE);
        RecordingDesk.Answered second = desk.nextAnswer(3000);
        assertEquals("a2", second.id());
        assertFalse(second.answer().allow());

        WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> window.queue().size() == 1);
        robot.push(KeyCode.SHORTCUT, KeyCode.ENTER);
        RecordingDesk.Answered third = desk.nextAnswer(3000);
        assertEquals("a3", third.id());
        assertTrue(third.answer().allow());
        assertEquals(Grant.Lifetime.ONCE, third.answer().grant().lifetime());
        WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> !window.stage().isShowing());
    }

    @Test
    void keysRightAfterThePopupAppearsAreIgnored(FxRobot robot) throws Exception {
        // the app uses PromptWindow.INPUT_GUARD_MILLIS (700 ms); a longer guard keeps this test independent of CPU load
        long guard = 10_000;
        open(guard, Samples.shell("g1", "cursor", "git push -f", Severity.HIGH, Duration.ofSeconds(60)));
        robot.push(KeyCode.SHORTCUT, KeyCode.ENTER);
        robot.push(KeyCode.ENTER);
        assertNull(desk.nextAnswer(100), "keys typed while the pop-up appears must not answer it");
        assertTrue(window.view().inputGuarded());
        Fx.await(() -> {
            window.view().disarm();
            return null;
        });
        robot.push(KeyCode.ENTER);
        RecordingDesk.Answered a = desk.nextAnswer(3000);
        assertNotNull(a);
        assertFalse(a.answer().allow());
    }

    @Test
    void lifetimeLettersAndPreviewSentence(FxRobot robot) throws Exception {
        open(GUARD, Samples.shell("l1", "cursor", "git push --force origin feature", Severity.HIGH, Duration.ofSeconds(60)));
        pastGuard(GUARD);
        Label preview = robot.lookup("#rule-preview").queryAs(Label.class);
        assertTrue(preview.getText().contains("this one time"), preview.getText());
        robot.push(KeyCode.M);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(preview.getText().contains("for the next 15 minutes"), preview.getText());
        assertTrue(preview.getText().contains("by cursor in /home/dev/shop"), preview.getText());
        robot.clickOn("#scope-rule");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(preview.getText().startsWith("Allows anything git/push-force matches"), preview.getText());
        robot.push(KeyCode.A);
        WaitForAsyncUtils.waitForFxEvents();
        // "always" is written as an exact-action rule, which the pack format cannot narrow to a workspace
        assertEquals("Allows exactly `git push --force origin feature` by cursor in any workspace, from now on (saved "
                + "as a rule in your user pack).", preview.getText());
        assertEquals("Always allow", robot.lookup("#allow").queryButton().getText());
        robot.push(KeyCode.SHORTCUT, KeyCode.ENTER);
        RecordingDesk.Answered a = desk.nextAnswer(3000);
        assertEquals(Grant.Lifetime.ALWAYS, a.answer().grant().lifetime());
        assertEquals(Grant.Scope.EXACT_ACTION, a.answer().grant().scope());
        assertNull(a.answer().grant().workspace());
    }

    @Test
    void countdownTicksOnTheDenyButtonAndFreezesOnInteraction(FxRobot robot) throws Exception {
        open(GUARD, Samples.shell("c1", "cursor", "git push --force", Severity.HIGH, Duration.ofSeconds(30)));
        Button deny = robot.lookup("#deny").queryButton();
        assertTrue(deny.getText().matches("Deny \\((30|29)\\)"), deny.getText());
        Thread.sleep(1300);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(deny.getText().matches("Deny \\((29|28)\\)"), "it ticks: " + deny.getText());
        robot.clickOn("#headline");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Deny", deny.getText());
        Thread.sleep(1300);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Deny", deny.getText(), "frozen countdown stays frozen");
        Label status = robot.lookup("#countdown-status").queryAs(Label.class);
        assertTrue(status.getText().startsWith("Countdown paused"), status.getText());
        assertNull(desk.nextAnswer(50), "a click on the text answers nothing");
    }

    @Test
    void criticalNeedsTheTypedTargetAndOffersNoAlways(FxRobot robot) throws Exception {
        open(GUARD, Samples.railway("r1", Duration.ofSeconds(90)));
        pastGuard(GUARD);
        Button allow = robot.lookup("#allow").queryButton();
        assertTrue(allow.isDisabled());
        assertTrue(robot.lookup("#lifetime-always").queryAll().isEmpty(), "no 'always' for critical");
        robot.push(KeyCode.SHORTCUT, KeyCode.ENTER);
        assertNull(desk.nextAnswer(150), "Ctrl+Enter without the typed target does nothing");

        robot.clickOn("#confirm-target").write("3f6c");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(allow.isDisabled(), "a prefix is not the name");
        robot.write(Samples.VOLUME.substring(4));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(allow.isDisabled());
        robot.push(KeyCode.ENTER);
        assertNull(desk.nextAnswer(150), "Enter in the confirmation field neither allows nor denies");
        robot.push(KeyCode.SHORTCUT, KeyCode.ENTER);
        RecordingDesk.Answered a = desk.nextAnswer(3000);
        assertTrue(a.answer().allow());
        assertEquals(Samples.VOLUME, a.answer().typedTarget());
    }

    @Test
    void railwayPopupShowsHeadlineRequestRulesAndProvenance(FxRobot robot) {
        open(GUARD, Samples.railway("r2", Duration.ofSeconds(90)));
        String headline = robot.lookup("#headline").queryAs(Label.class).getText();
        assertEquals("claude-code wants to delete Railway volume 3f6c… in production", headline);
        String evidence = evidenceText();
        assertTrue(evidence.startsWith("POST https://backboard.railway.app/graphql/v2"), evidence);
        assertTrue(evidence.contains("authorization: Bearer ••••b8c9"), "credentials masked: " + evidence);
        assertFalse(evidence.contains("7c1f0e2a"), evidence);
        assertEquals("volumeDelete", spanText());
        assertTrue(robot.lookup(".note").queryAs(Label.class).getText().contains(".env.production"));
        assertTrue(robot.lookup(".rule-explain").queryAs(Label.class).getText().startsWith("Deletes a Railway volume"));
        assertFalse(robot.lookup(".badge-critical").queryAll().isEmpty());
        assertFalse(robot.lookup(".badge-prod").queryAll().isEmpty());
    }

    @Test
    void queueGroupsByAgentCountsAndDenyAllPerGroup(FxRobot robot) throws Exception {
        open(GUARD, Samples.shell("q1", "cursor", "git push -f a", Severity.HIGH, Duration.ofSeconds(60)),
                Samples.railway("q2", Duration.ofSeconds(60)),
                Samples.shell("q3", "cursor", "git push -f b", Severity.HIGH, Duration.ofSeconds(60)));
        assertEquals("Interlock — approval needed (1 of 3)", window.stage().getTitle());
        assertEquals(List.of("q1", "q3", "q2"), window.queue().items().stream().map(PendingApproval::id).toList(),
                "grouped by agent in order of first arrival");
        assertEquals("1 of 3 waiting", robot.lookup("#queue-position").queryAs(Label.class).getText());
        pastGuard(GUARD);
        robot.push(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Interlock — approval needed (2 of 3)", window.stage().getTitle());
        robot.clickOn("#deny-all-cursor");
        RecordingDesk.Answered a = desk.nextAnswer(3000);
        RecordingDesk.Answered b = desk.nextAnswer(3000);
        assertEquals(List.of("q1", "q3"), List.of(a.id(), b.id()));
        assertFalse(a.answer().allow() || b.answer().allow());
        WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> window.queue().size() == 1);
        assertEquals(List.of("q2"), window.queue().items().stream().map(PendingApproval::id).toList());
        assertEquals("Interlock — approval needed", window.stage().getTitle());
    }

    @Test
    void allowAllSkipsCriticalItems(FxRobot robot) throws Exception {
        open(GUARD, Samples.shell("w1", "claude-code", "git push -f a", Severity.HIGH, Duration.ofSeconds(60)),
                Samples.railway("w2", Duration.ofSeconds(60)));
        pastGuard(GUARD);
        robot.clickOn("#allow-all-claude-code");
        RecordingDesk.Answered a = desk.nextAnswer(3000);
        assertEquals("w1", a.id());
        assertTrue(a.answer().allow());
        assertNull(desk.nextAnswer(200), "the critical one waits for its own typed confirmation");
    }

    @Test
    void agentThatGaveUpShowsNoLongerWaiting(FxRobot robot) {
        PendingApproval p = Samples.shell("n1", "cursor", "git push -f", Severity.HIGH, Duration.ofSeconds(60));
        open(GUARD, p);
        assertTrue(robot.lookup("#no-longer-waiting").queryAll().isEmpty());
        desk.update(new PendingApproval(p.id(), p.action(), p.origin(), p.decision(), p.created(), p.deadline(), false, 1));
        WaitForAsyncUtils.waitForFxEvents();
        Label gone = robot.lookup("#no-longer-waiting").queryAs(Label.class);
        assertTrue(gone.getText().startsWith("cursor is no longer waiting"), gone.getText());
    }

    @Test
    void hostileTextIsShownSafelyAndTheSpanStaysInView(FxRobot robot) throws Exception {
        String padding = "echo harmless; ".repeat(120);
        String script = padding + "echo ok\r\u001b[2K\u001b[1Arm -rf / # \u202Etxt.exe\u200B";
        PendingApproval p = Samples.shell("h1", "cursor", script, Severity.HIGH, Duration.ofSeconds(60));
        int at = script.indexOf("rm -rf");
        dev.interlock.policy.RuleMatch m = new dev.interlock.policy.RuleMatch("filesystem", "rm-root", Severity.CRITICAL,
                dev.interlock.policy.Verdict.ASK, "Deletes the whole file system.",
                dev.interlock.policy.Span.of("command", script, at, at + 8), null);
        open(GUARD, new PendingApproval("h1", p.action(), p.origin(), dev.interlock.policy.Decision.of(List.of(m)),
                p.created(), p.deadline(), true, 1));
        String shown = evidenceText();
        assertTrue(shown.contains("echo ok⟨CR⟩␛[2K␛[1Arm -rf /"), shown.substring(shown.length() - 80));
        assertTrue(shown.contains("⟨RLO U+202E⟩txt.exe⟨ZWSP U+200B⟩"), shown.substring(shown.length() - 80));
        assertFalse(shown.contains("\r") || shown.contains("\u001b") || shown.contains("\u202E") || shown.contains("\u200B"));
        String warning = robot.lookup("#hidden-warning").queryAs(Label.class).getText();
        assertTrue(warning.contains("carriage return") && warning.contains("terminal escape sequence")
                && warning.contains("bidirectional override"), warning);
        assertEquals("rm -rf /", spanText());
        Thread.sleep(200);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Fx.await(() -> window.view().evidence().spanVisible()), "the matched span is scrolled into view");
        // the critical gate with no nameable target: the rule's id (what the broker requires)
        assertEquals("filesystem/rm-root", window.view().form().expectedTyping());
    }

    private String evidenceText() {
        return Fx.await(() -> {
            StringBuilder sb = new StringBuilder();
            window.view().evidence().flow().getChildren().forEach(n -> sb.append(((Text) n).getText()));
            return sb.toString();
        });
    }

    private String spanText() {
        return Fx.await(() -> {
            StringBuilder sb = new StringBuilder();
            window.view().evidence().flow().getChildren().stream()
                    .filter(n -> n.getStyleClass().contains("evidence-span"))
                    .forEach(n -> sb.append(((Text) n).getText()));
            return sb.toString();
        });
    }

    static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
