package dev.interlock.hooks;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The agents Interlock can sit behind, by the id used in {@code interlock hook <agent>}. */
public final class HookAdapters {
    private final Map<String, HookAdapter> byAgent = new LinkedHashMap<>();

    /** Every adapter Interlock ships. */
    public static HookAdapters standard() {
        return new HookAdapters()
                .register(new ClaudeCodeAdapter())
                .register(new CursorAdapter())
                .register(new GeminiAdapter())
                .register(new CodexAdapter())
                .register(new CopilotAdapter())
                .register(new ClineAdapter())
                .register(new WindsurfAdapter())
                .register(new AmpAdapter())
                .register(new OpenCodeAdapter())
                .register(new ShimAdapter());
    }

    public HookAdapters register(HookAdapter adapter) {
        if (byAgent.putIfAbsent(adapter.agent(), adapter) != null) {
            throw new IllegalStateException("two hook adapters for " + adapter.agent());
        }
        return this;
    }

    public Optional<HookAdapter> forAgent(String agent) {
        return Optional.ofNullable(byAgent.get(agent));
    }

    public Collection<HookAdapter> all() {
        return Collections.unmodifiableCollection(byAgent.values());
    }
}
