package dev.interlock.broker;

import java.time.Duration;
import java.util.Objects;

/**
 * What an approval covers beyond this one action.
 *
 * @param lifetime  once, for some minutes, for this agent session, or always (written as a rule in the user pack)
 * @param duration  for {@link Lifetime#MINUTES}: how long; ignored otherwise
 * @param scope     exactly this action, or anything the same rule matches
 * @param workspace narrow the grant to this workspace ({@code null}: any)
 */
public record Grant(Lifetime lifetime, Duration duration, Scope scope, String workspace) {
    public enum Lifetime { ONCE, MINUTES, SESSION, ALWAYS }

    public enum Scope { EXACT_ACTION, RULE }

    public static final Grant ONCE = new Grant(Lifetime.ONCE, null, Scope.EXACT_ACTION, null);

    public Grant {
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(scope, "scope");
        if (lifetime == Lifetime.MINUTES && (duration == null || duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("a timed grant needs a positive duration");
        }
    }
}
