package dev.interlock.broker;

/** Told about pending approvals; called on broker threads (the UI hops to the FX thread itself). */
public interface ApprovalListener {

    void added(PendingApproval approval);

    /** The approval changed: another identical request joined, or the agent stopped waiting. */
    void updated(PendingApproval approval);

    void resolved(PendingApproval approval, Resolution resolution);

    /** The kill switch was engaged or released. */
    default void frozenChanged(boolean frozen) {
    }

    /** Prompting was paused until {@code until}, or resumed ({@code null}). */
    default void pauseChanged(java.time.Instant until) {
    }
}
