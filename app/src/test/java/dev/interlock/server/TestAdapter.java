package dev.interlock.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.action.FileAccess;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;
import dev.interlock.hooks.HookAdapter;
import java.util.Locale;
import java.util.Optional;

/** A minimal hook adapter: {"path","mode","session","call"} → a file action; deny → exit 2 with the reason. */
final class TestAdapter implements HookAdapter {
    @Override
    public String agent() {
        return "testagent";
    }

    @Override
    public Optional<Request> parse(JsonNode p) {
        if (p.has("event") && !p.get("event").asText().equals("pre")) {
            return Optional.empty();
        }
        if (!p.hasNonNull("path")) {
            throw new IllegalArgumentException("no path");
        }
        FileAccess a = new FileAccess(p.get("path").asText(),
                FileAccess.Mode.valueOf(p.path("mode").asText("read").toUpperCase(Locale.ROOT)));
        return Optional.of(new Request(a, new Origin("testagent", p.path("session").asText(null),
                p.path("call").asText(null), "/p", null), p));
    }

    @Override
    public Reply reply(Request request, Resolution r) {
        return r.allowed() ? new Reply("{\"ok\":true}", 0) : new Reply("", 2, r.reason());
    }

    @Override
    public Reply passThrough() {
        return new Reply("", 0);
    }

    @Override
    public Reply failClosed(String reason) {
        return new Reply("", 2, reason);
    }
}
