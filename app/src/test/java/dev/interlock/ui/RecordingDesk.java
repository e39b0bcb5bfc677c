package dev.interlock.ui;

import dev.interlock.broker.AnswerRejectedException;
import dev.interlock.broker.ApprovalDesk;
import dev.interlock.broker.ApprovalListener;
import dev.interlock.broker.HumanAnswer;
import dev.interlock.broker.PendingApproval;
import dev.interlock.broker.Resolution;
import dev.interlock.policy.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Test double of the broker's desk: holds approvals in memory and records every answer (test code only). */
public final class RecordingDesk implements ApprovalDesk {
    public record Answered(String id, HumanAnswer answer) {
    }

    private final Map<String, PendingApproval> pending = new ConcurrentHashMap<>();
    private final List<ApprovalListener> listeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Answered> answers = new LinkedBlockingQueue<>();
    private volatile boolean frozen;

    public void submit(PendingApproval p) {
        pending.put(p.id(), p);
        listeners.forEach(l -> l.added(p));
    }

    public void update(PendingApproval p) {
        pending.put(p.id(), p);
        listeners.forEach(l -> l.updated(p));
    }

    /** The next answer given, or null after the timeout. */
    public Answered nextAnswer(long millis) throws InterruptedException {
        return answers.poll(millis, TimeUnit.MILLISECONDS);
    }

    public List<Answered> drain() {
        List<Answered> out = new ArrayList<>();
        answers.drainTo(out);
        return out;
    }

    @Override
    public List<PendingApproval> pending() {
        return List.copyOf(pending.values());
    }

    @Override
    public void subscribe(ApprovalListener listener) {
        listeners.add(listener);
    }

    @Override
    public void unsubscribe(ApprovalListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void answer(String approvalId, HumanAnswer answer) throws AnswerRejectedException {
        PendingApproval p = pending.remove(approvalId);
        if (p == null) {
            throw new AnswerRejectedException("no pending approval " + approvalId);
        }
        answers.add(new Answered(approvalId, answer));
        Resolution r = new Resolution(answer.allow() ? Verdict.ALLOW : Verdict.DENY, p.decision(),
                "human:" + answer.surface(), Duration.ofSeconds(1), approvalId, "");
        listeners.forEach(l -> l.resolved(p, r));
    }

    @Override
    public boolean frozen() {
        return frozen;
    }

    @Override
    public void freeze(String by) {
        frozen = true;
        listeners.forEach(l -> l.frozenChanged(true));
    }

    @Override
    public void thaw(String by) {
        frozen = false;
        listeners.forEach(l -> l.frozenChanged(false));
    }
}
