package dev.interlock.broker;

import java.util.List;

/**
 * What a prompt surface (the pop-up, the terminal prompt) sees of the broker: the pending approvals, and the
 * means to answer them. Only the UI process and a TTY prompt hold one; agents' credentials never reach it.
 */
public interface ApprovalDesk {

    List<PendingApproval> pending();

    void subscribe(ApprovalListener listener);

    void unsubscribe(ApprovalListener listener);

    /**
     * Answers a pending approval.
     *
     * @throws AnswerRejectedException when the answer is not acceptable (unknown or already resolved id, a critical
     *                                 action without the typed target, "always" for a critical action)
     */
    void answer(String approvalId, HumanAnswer answer) throws AnswerRejectedException;

    boolean frozen();

    /** Engages the kill switch: every non-read-only action is denied, pending asks are denied now. */
    void freeze(String by);

    void thaw(String by);
}
