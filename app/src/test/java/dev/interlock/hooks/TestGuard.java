package dev.interlock.hooks;

import dev.interlock.action.Action;
import dev.interlock.action.Origin;
import dev.interlock.broker.Guard;
import dev.interlock.broker.Resolution;
import dev.interlock.policy.Decision;
import dev.interlock.policy.RuleMatch;
import dev.interlock.policy.Severity;
import dev.interlock.policy.Span;
import dev.interlock.policy.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A guard whose answer the test chooses per action; it records what the adapters handed it. */
final class TestGuard implements Guard {
    final List<Action> actions = new ArrayList<>();
    final List<Origin> origins = new ArrayList<>();
    Function<Action, Resolution> answer;

    TestGuard(Function<Action, Resolution> answer) {
        this.answer = answer;
    }

    static TestGuard always(Resolution r) {
        return new TestGuard(a -> r);
    }

    @Override
    public Resolution decide(Action action, Origin origin) {
        actions.add(action);
        origins.add(origin);
        return answer.apply(action);
    }

    static Decision matched(Verdict v) {
        return Decision.of(List.of(new RuleMatch("railway", "volume-delete", Severity.CRITICAL, v,
                "Deletes a Railway volume and its backups.", new Span("command", 0, 7, "railway"), "3f6c")));
    }

    static Resolution policyAllow() {
        return new Resolution(Verdict.ALLOW, Decision.allow(), "policy", Duration.ZERO, null, "");
    }

    static Resolution humanAllow() {
        return new Resolution(Verdict.ALLOW, matched(Verdict.ASK), "human:popup", Duration.ofSeconds(4), "ap-7", "");
    }

    static Resolution timeoutDeny() {
        return new Resolution(Verdict.DENY, matched(Verdict.ASK), "timeout", Duration.ofSeconds(120), "ap-7",
                "Nobody answered within 120 s.");
    }

    static Resolution askNative() {
        return new Resolution(Verdict.ASK, matched(Verdict.ASK), "policy", Duration.ZERO, "ap-8", "");
    }
}
