package dev.interlock.hooks;

import dev.interlock.broker.Resolution;
import dev.interlock.policy.Decision;

/** The words agents and their users read. Deny reasons always say what to do next. */
final class ReplyText {
    static final String START_HINT = "Interlock is not running, so nobody can approve this. Ask the user to start "
            + "Interlock (the tray app, or `interlock serve --headless`) and then retry.";

    private ReplyText() {
    }

    /** For the model: why it was blocked and how it can get through (approval id, human, identical retry). */
    static String deny(Resolution r) {
        Decision d = r.decision();
        String reason = r.reason().strip();
        boolean reasonNamesRule = d.primary().map(m -> reason.contains(m.qualifiedId())).orElse(true);
        StringBuilder sb = new StringBuilder();
        if (reason.isEmpty() || !reasonNamesRule) {
            sb.append("Blocked by Interlock");
            if (!d.matches().isEmpty()) {
                sb.append(": ").append(d.summary());
            }
        }
        if (!reason.isEmpty()) {
            if (sb.isEmpty()) {
                sb.append(reason.contains("Interlock") ? "" : "Blocked by Interlock: ").append(reason);
            } else {
                sentence(sb, reason);
            }
        }
        if (r.approvalId() != null && !r.reason().contains(r.approvalId())) {
            sentence(sb, "Awaiting approval " + r.approvalId() + ": a human must approve it in Interlock (pop-up or "
                    + "`interlock approvals`); once approved, retry the identical action. Do not try to work around"
                    + " this block.");
        }
        if ("offline".equals(r.decidedBy()) && !r.reason().contains("not running")) {
            sentence(sb, START_HINT);
        }
        return sb.toString();
    }

    private static void sentence(StringBuilder sb, String next) {
        char last = sb.charAt(sb.length() - 1);
        sb.append(last == '.' || last == '!' || last == '?' ? " " : ". ").append(next);
    }

    /** For the human the agent will ask (native ask). */
    static String ask(Resolution r) {
        String base = "Interlock wants you to confirm this: " + r.decision().summary();
        if ("offline".equals(r.decidedBy())) {
            base += " (Interlock is not running; start it to review such actions in Interlock)";
        }
        return base;
    }

    static String approved(Resolution r) {
        return "Approved in Interlock (" + r.decidedBy() + ")";
    }

    static String malformed(String agent, String problem) {
        return "Blocked by Interlock: the " + agent + " hook payload could not be understood (" + problem
                + "), so the action was not checked. Update Interlock or run `interlock doctor`.";
    }
}
