package dev.interlock.ui.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.interlock.action.HttpCall;
import dev.interlock.action.Origin;
import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Decision;
import dev.interlock.ui.Samples;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadlineTest {

    @Test
    void verbFromTheRuleTargetShortenedEnvironmentAppended() {
        var p = Samples.railway("x", Duration.ofSeconds(5));
        assertEquals("claude-code wants to delete Railway volume 3f6c… in production",
                Headline.of(p.action(), p.origin(), p.decision()));
    }

    @Test
    void verbForms() {
        assertEquals("force-push", Headline.baseForm("Force-pushes").orElseThrow());
        assertEquals("destroy", Headline.baseForm("Destroys").orElseThrow());
        assertEquals("empty", Headline.baseForm("Empties").orElseThrow());
        assertEquals("drop", Headline.baseForm("Drops").orElseThrow());
        assertEquals(true, Headline.baseForm("Access").isEmpty());
    }

    @Test
    void withoutARuleItSaysWhatRuns() {
        assertEquals("cursor wants to run `terraform destroy -auto-approve`",
                Headline.of(new ShellCommand("terraform destroy -auto-approve"), Origin.of("cursor", null, null), Decision.allow()));
        assertEquals("proxy wants to send DELETE /v1/projects/p1 to api.example.com",
                Headline.of(new HttpCall("DELETE", "https://api.example.com/v1/projects/p1", Map.of(), ""),
                        Origin.of("proxy", null, null), Decision.allow()));
    }
}
