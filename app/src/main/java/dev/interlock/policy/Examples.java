package dev.interlock.policy;

import dev.interlock.action.Action;
import java.util.List;

/** A rule's own examples: actions it must match, and near-misses it must not. */
public record Examples(List<Example> match, List<Example> noMatch) {
    public record Example(Action action, int line) {
    }

    public Examples {
        match = List.copyOf(match);
        noMatch = List.copyOf(noMatch);
    }
}
