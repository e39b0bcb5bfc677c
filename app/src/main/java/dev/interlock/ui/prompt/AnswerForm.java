package dev.interlock.ui.prompt;

import dev.interlock.action.FileAccess;
import dev.interlock.action.McpCall;
import dev.interlock.broker.Broker;
import dev.interlock.broker.Grant;
import dev.interlock.broker.HumanAnswer;
import dev.interlock.broker.PendingApproval;
import dev.interlock.policy.Severity;
import java.time.Duration;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The state behind the pop-up's answer controls for one approval: lifetime × scope pickers, the typed
 * confirmation for critical actions, and the plain-language preview of what an Allow will cover.
 */
public final class AnswerForm {
    public static final Duration TIMED = Duration.ofMinutes(15);
    public static final String SURFACE = "popup";

    private final PendingApproval approval;
    private final ObjectProperty<Grant.Lifetime> lifetime = new SimpleObjectProperty<>(Grant.Lifetime.ONCE);
    private final ObjectProperty<Grant.Scope> scope = new SimpleObjectProperty<>(Grant.Scope.EXACT_ACTION);
    private final BooleanProperty onlyThisWorkspace = new SimpleBooleanProperty(true);
    private final StringProperty typed = new SimpleStringProperty("");
    private final BooleanBinding canAllow;
    private final StringBinding preview;

    public AnswerForm(PendingApproval approval) {
        this.approval = approval;
        this.canAllow = Bindings.createBooleanBinding(() -> !needsTypedTarget() || typedMatches(), typed);
        this.preview = Bindings.createStringBinding(this::describe, lifetime, scope, onlyThisWorkspace);
    }

    // ---- properties

    public ObjectProperty<Grant.Lifetime> lifetimeProperty() {
        return lifetime;
    }

    public ObjectProperty<Grant.Scope> scopeProperty() {
        return scope;
    }

    public BooleanProperty onlyThisWorkspaceProperty() {
        return onlyThisWorkspace;
    }

    public StringProperty typedProperty() {
        return typed;
    }

    public BooleanBinding canAllowProperty() {
        return canAllow;
    }

    public StringBinding previewProperty() {
        return preview;
    }

    public boolean critical() {
        return approval.decision().severity() == Severity.CRITICAL;
    }

    public boolean needsTypedTarget() {
        return critical();
    }

    /** What the human must type: the decision's target, or the rule's id when the rule could not name one. */
    public String expectedTyping() {
        return Broker.requiredTyping(approval.decision()).orElse("");
    }

    /**
     * An "always" becomes an exact-action rule in the user pack; the pack format can narrow only file rules to a
     * workspace, so the other pickers are fixed while "always" is chosen.
     */
    public boolean alwaysLimitsScope() {
        return lifetime.get() == Grant.Lifetime.ALWAYS;
    }

    private Grant.Scope effectiveScope() {
        return alwaysLimitsScope() ? Grant.Scope.EXACT_ACTION : scope.get();
    }

    private boolean effectiveWorkspaceOnly() {
        return onlyThisWorkspace.get() && (!alwaysLimitsScope() || approval.action() instanceof FileAccess);
    }

    /** The lifetimes on offer: never "always" for a critical action. */
    public List<Grant.Lifetime> lifetimes() {
        return critical() || approval.action() instanceof McpCall m && !m.argumentsJson().replaceAll("\\s", "").equals("{}")
                ? List.of(Grant.Lifetime.ONCE, Grant.Lifetime.MINUTES, Grant.Lifetime.SESSION)
                : List.of(Grant.Lifetime.values());
    }

    public boolean ruleScopeAvailable() {
        return approval.decision().primary().isPresent();
    }

    // ---- commands

    public HumanAnswer deny() {
        return HumanAnswer.deny(SURFACE);
    }

    /** The allow answer for the current picks; throws when the typed confirmation is missing. */
    public HumanAnswer allow() {
        if (!canAllow.get()) {
            throw new IllegalStateException("type " + expectedTyping() + " to allow");
        }
        Grant.Lifetime l = lifetimes().contains(lifetime.get()) ? lifetime.get() : Grant.Lifetime.ONCE;
        String ws = effectiveWorkspaceOnly() ? approval.origin().workspace() : null;
        Grant grant = l == Grant.Lifetime.ONCE && effectiveScope() == Grant.Scope.EXACT_ACTION && ws == null ? Grant.ONCE
                : new Grant(l, l == Grant.Lifetime.MINUTES ? TIMED : null, effectiveScope(), ws);
        return new HumanAnswer(true, grant, needsTypedTarget() ? typed.get().trim() : null, SURFACE);
    }

    /** Allow once, exactly this action (what "Allow all" in a group uses; never for a critical action). */
    public static HumanAnswer allowOnce() {
        return HumanAnswer.allowOnce(SURFACE, null);
    }

    private boolean typedMatches() {
        return typed.get() != null && typed.get().trim().equals(expectedTyping());
    }

    /** "Allows exactly `railway volume delete 3f6c` by claude-code in ~/src/shop, for the next 15 minutes." */
    String describe() {
        String agent = SafeText.oneLine(approval.origin().agent());
        StringBuilder sb = new StringBuilder("Allows ");
        if (effectiveScope() == Grant.Scope.RULE && ruleScopeAvailable()) {
            sb.append("anything ").append(approval.decision().primary().get().qualifiedId()).append(" matches");
        } else {
            String s = SafeText.oneLine(approval.action().summary());
            sb.append("exactly `").append(s.length() > 80 ? s.substring(0, 79) + "…" : s).append('`');
        }
        sb.append(" by ").append(agent);
        String ws = approval.origin().workspace();
        if (effectiveWorkspaceOnly() && ws != null) {
            sb.append(" in ").append(SafeText.oneLine(Paths.tilde(ws)));
        } else {
            sb.append(" in any workspace");
        }
        sb.append(switch (lifetime.get()) {
            case ONCE -> ", this one time.";
            case MINUTES -> ", for the next " + TIMED.toMinutes() + " minutes.";
            case SESSION -> ", until this " + agent + " session ends.";
            case ALWAYS -> ", from now on (saved as a rule in your user pack).";
        });
        return sb.toString();
    }
}
