package dev.interlock.ui.packs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.controls.ToggleSwitch;
import dev.interlock.action.Action;
import dev.interlock.action.Origin;
import dev.interlock.action.ShellCommand;
import dev.interlock.audit.AuditFilter;
import dev.interlock.audit.AuditLog;
import dev.interlock.audit.AuditRecord;
import dev.interlock.broker.Resolution;
import dev.interlock.config.DataDir;
import dev.interlock.policy.Decision;
import dev.interlock.policy.Pack;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.Verdict;
import dev.interlock.ui.fx.Fx;
import dev.interlock.ui.fx.Theme;
import dev.interlock.ui.timeline.RuleDraft;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class PacksAndRulesTest {
    @TempDir
    Path tmp;
    private Stage stage;

    @Start
    void start(Stage stage) {
        Theme.apply();
        this.stage = stage;
    }

    @Test
    void liveTestUsesTheEngineAndSwitchesAreSavedExceptForLockedPacks(FxRobot robot) throws Exception {
        Set<String> off = new LinkedHashSet<>();
        PolicyEngine[] engine = {Policies.bundled()};
        PacksView view = Fx.await(() -> {
            PacksView v = new PacksView(() -> engine[0], () -> Set.copyOf(off), next -> {
                off.clear();
                off.addAll(next);
                engine[0] = Policies.engine(engine[0].packs(), next);
            });
            Scene scene = new Scene((Parent) v.root(), 900, 700);
            stage.setScene(scene);
            stage.show();
            return v;
        });
        robot.clickOn("#packs-test-input").write("terraform destroy -auto-approve");
        Decision expected = engine[0].evaluate(LiveTest.parse("terraform destroy -auto-approve", System.getProperty("user.home")));
        assertEquals(Verdict.ASK, expected.verdict());
        // the box re-evaluates as you type (debounced); wait for the full command's verdict
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> verdict().startsWith("ASK"));
        assertTrue(verdict().contains(expected.severity().word()), verdict());

        Fx.await(() -> {
            view.filter().setText("terraform");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        ToggleSwitch rule = Fx.await(() -> (ToggleSwitch) stage.getScene().lookup("#rule-terraform/destroy"));
        Fx.await(() -> {
            rule.setSelected(false);
            return null;
        });
        assertEquals(Set.of("terraform/destroy"), off);
        WaitForAsyncUtils.waitForFxEvents();
        String after = Fx.await(() -> ((Label) stage.getScene().lookup("#packs-test-verdict")).getText());
        assertEquals(engine[0].evaluate(new ShellCommand("terraform destroy -auto-approve", "/")).verdict().word()
                .toUpperCase(), after.split(" ")[0], "the test box re-evaluates with the switch off");

        Pack locked = engine[0].packs().stream().filter(Pack::locked).findFirst().orElseThrow();
        Fx.await(() -> {
            view.filter().setText(locked.name());
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        ToggleSwitch lockedSwitch = Fx.await(() -> (ToggleSwitch) stage.getScene().lookup("#pack-" + locked.name()));
        assertTrue(lockedSwitch.isDisabled() && lockedSwitch.isSelected(), "a locked pack cannot be switched off");
    }

    private String verdict() {
        return Fx.await(() -> {
            javafx.scene.Node n = stage.getScene().lookup("#packs-test-verdict");
            return n == null ? "" : ((Label) n).getText();
        });
    }

    @Test
    void httpRequestsInTheTestBox() {
        Action a = LiveTest.parse("POST https://backboard.railway.app/graphql/v2 -H 'Authorization: Bearer x' {\"query\":\"mutation { volumeDelete(volumeId: \\\"v\\\") }\"}", "/");
        assertEquals("http", a.kind());
        assertEquals(Verdict.ASK, assertDoesNotThrow(() -> Policies.bundled()).evaluate(a).verdict());
        assertEquals("shell", LiveTest.parse("git push --force", "/").kind());
    }

    private static <T> T assertDoesNotThrow(java.util.concurrent.Callable<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRuleMadeFromAnEventIsCheckedAddedAndThenMatchesThatAction() throws Exception {
        DataDir dir = new DataDir(tmp);
        ShellCommand cmd = new ShellCommand("make deploy-prod", "/home/dev/shop");
        AuditRecord record;
        try (AuditLog audit = AuditLog.open(dir)) {
            audit.recordAction(cmd, Origin.of("cursor", "s1", "/home/dev/shop"),
                    new Resolution(Verdict.ALLOW, Decision.allow(), "policy", Duration.ZERO, null, ""), "");
            record = audit.query(AuditFilter.ALL, 0, 1).get(0);
        }
        Path userPack = dir.packs().resolve("user.yaml");
        int[] reloads = {0};
        RuleDialog dialog = Fx.await(() -> new RuleDialog(userPack, () -> reloads[0]++, RuleDraft.yaml(record)));
        assertTrue(Fx.await(dialog::add), () -> Fx.await(() -> dialog.status().getText()));
        assertEquals(1, reloads[0]);
        Pack user = Policies.loader().load(userPack);
        PolicyEngine engine = Policies.engine(List.of(user), Set.of());
        assertEquals(Verdict.ASK, engine.evaluate(cmd).verdict());
        assertEquals(Verdict.ALLOW, engine.evaluate(new ShellCommand("make test", "/")).verdict());

        RuleDialog broken = Fx.await(() -> new RuleDialog(userPack, () -> reloads[0]++, "- id: x\n  verdict: maybe\n"));
        assertFalse(Fx.await(broken::add));
        assertTrue(Fx.await(() -> broken.status().getText()).startsWith("Not added"));
        assertEquals(1, reloads[0], "nothing written, nothing reloaded");
        assertEquals(1, Policies.loader().load(userPack).rules().size());
    }
}
