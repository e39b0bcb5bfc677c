package dev.interlock.ui;

import dev.interlock.action.HttpCall;
import dev.interlock.action.Origin;
import dev.interlock.action.ShellCommand;
import dev.interlock.broker.PendingApproval;
import dev.interlock.policy.Decision;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Severity;
import dev.interlock.policy.Span;
import dev.interlock.policy.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Approvals shaped like the incident and everyday cases (test code only). */
public final class Samples {
    public static final String VOLUME = "3f6c9a1e-5b7d-4c2e-9f10-8a4b2c6d7e01";
    public static final String RAILWAY_BODY = "{\"query\":\"mutation volumeDelete($id: String!) {\\n  volumeDelete(volumeId: $id)\\n}\","
            + "\"variables\":{\"id\":\"" + VOLUME + "\"}}";

    private Samples() {
    }

    public static PendingApproval railway(String id, Duration left) {
        HttpCall call = new HttpCall("POST", "https://backboard.railway.app/graphql/v2",
                Map.of("Authorization", List.of("Bearer 7c1f0e2a-aaaa-bbbb-cccc-d4e5f6a7b8c9"),
                        "Content-Type", List.of("application/json")), RAILWAY_BODY);
        int at = RAILWAY_BODY.indexOf("volumeDelete(volumeId");
        RuleMatch m = new RuleMatch("railway", "volume-delete", Severity.CRITICAL, Verdict.ASK,
                "Deletes a Railway volume, its data and the backups stored with it.",
                Span.of("body", RAILWAY_BODY, at, at + "volumeDelete".length()), VOLUME);
        Decision d = Decision.of(List.of(m)).withEnvironment("production")
                .withNote("The Railway token was read from .env.production by this session 4 min ago (scope: production).");
        return pending(id, call, Origin.of("claude-code", "sess-8842f1", "/home/dev/shop"), d, left);
    }

    public static PendingApproval shell(String id, String agent, String script, Severity severity, Duration left) {
        RuleMatch m = new RuleMatch("git", "push-force", severity, Verdict.ASK,
                "Force-pushes over the remote branch; commits others pushed are lost.",
                Span.of("command", script, 0, script.length()), severity == Severity.CRITICAL ? "main" : null);
        return pending(id, new ShellCommand(script, "/home/dev/shop"), Origin.of(agent, "s-" + agent, "/home/dev/shop"),
                Decision.of(List.of(m)), left);
    }

    public static PendingApproval pending(String id, dev.interlock.action.Action a, Origin o, Decision d, Duration left) {
        Instant now = Instant.now();
        return new PendingApproval(id, a, o, d, now, now.plus(left), true, 1);
    }
}
