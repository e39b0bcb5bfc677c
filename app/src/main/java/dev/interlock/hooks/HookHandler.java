package dev.interlock.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.action.Origin;
import dev.interlock.broker.Guard;
import dev.interlock.broker.Resolution;
import dev.interlock.hooks.HookAdapter.Reply;
import dev.interlock.hooks.HookAdapter.Request;
import dev.interlock.policy.Verdict;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One hook call from raw bytes to the agent's reply: host detection, parsing, {@link Guard#decide} for every action
 * in the payload, and the reply in the protocol the payload was written in. Never throws and never answers "allow"
 * for something it could not read: every failure becomes the agent's fail-closed reply. The control API's
 * {@code POST /v1/hook/{agent}} and {@code interlock hook <agent>} both go through here.
 */
public final class HookHandler {
    /** Other names people (and agent-integrations.md snippets) use for the same agents. */
    private static final Map<String, String> ALIASES = Map.of(
            "claude", "claude-code", "claudecode", "claude-code", "gemini-cli", "gemini", "codex-cli", "codex",
            "copilot-cli", "copilot", "github-copilot", "copilot", "cascade", "windsurf", "cursor-agent", "cursor");

    private final HookAdapters adapters;
    private final Decider decider;
    private final java.util.function.Consumer<Origin> sessionEnds;

    /** How one parsed request is decided; the service passes its own (with audit of the rendered reply). */
    @FunctionalInterface
    public interface Decider {
        Resolution decide(HookAdapter speaker, Request request);
    }

    /** The reply, and the resolution it was made from ({@code null} for pass-through and fail-closed replies). */
    public record Handled(Reply reply, Resolution resolution) {
    }

    public HookHandler(HookAdapters adapters, Guard guard) {
        this((Decider) (speaker, request) -> guard.decide(request.action(), request.origin()), adapters);
    }

    private HookHandler(Decider decider, HookAdapters adapters, java.util.function.Consumer<Origin> sessionEnds) {
        this.adapters = adapters;
        this.decider = decider;
        this.sessionEnds = sessionEnds;
    }

    private HookHandler(Decider decider, HookAdapters adapters) {
        this(decider, adapters, ended -> { });
    }

    /** A handler whose requests are decided by {@code decider} (the service's, which audits the rendered reply). */
    public static HookHandler deciding(HookAdapters adapters, Decider decider) {
        return new HookHandler(decider, adapters);
    }

    /** The same handler, also told when an agent session ends (to end its grants). */
    public HookHandler onSessionEnd(java.util.function.Consumer<Origin> sessionEnds) {
        return new HookHandler(decider, adapters, sessionEnds);
    }

    /** The canonical agent id for a name given on the command line or in a URL. */
    public static String canonical(String agent) {
        String a = agent == null ? "" : agent.trim().toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(a, a);
    }

    /**
     * @param agent    the agent named by the hook's configuration (URL path or subcommand)
     * @param body     the payload exactly as the agent sent it
     * @param hostHint the host named by the hook's environment ({@link HostDetector#fromEnvironment}), or null
     */
    public Reply handle(String agent, byte[] body, String hostHint) {
        return handleFull(agent, body, hostHint).reply();
    }

    /** Like {@link #handle}, also returning the resolution behind the reply. */
    public Handled handleFull(String agent, byte[] body, String hostHint) {
        Optional<HookAdapter> named = adapters.forAgent(canonical(agent));
        if (named.isEmpty()) {
            return none(new Reply("", 2, "Blocked by Interlock: no hook adapter for agent '" + agent + "'. Known: "
                    + adapters.all().stream().map(HookAdapter::agent).toList()));
        }
        HookAdapter adapter = named.get();
        JsonNode payload;
        try {
            payload = Payloads.JSON.readTree(body);
            if (payload == null || !payload.isObject()) {
                return none(adapter.failClosed(ReplyText.malformed(adapter.agent(), "expected a JSON object")));
            }
        } catch (IOException e) {
            return none(adapter.failClosed(ReplyText.malformed(adapter.agent(), "not JSON: " + firstLine(e.getMessage()))));
        }
        // The payload's shape says which protocol the sender speaks (Cursor may run a Claude hook, etc.).
        HookAdapter speaker = HostDetector.protocolOf(payload)
                .filter(p -> !p.equals(adapter.agent()))
                .flatMap(adapters::forAgent)
                .orElse(adapter);
        List<Request> requests;
        try {
            Optional<Origin> ended = speaker.sessionEnded(payload);
            if (ended.isPresent()) {
                sessionEnds.accept(attribute(new Request(null, ended.get(), payload), hostHint, speaker.agent()).origin());
                return none(speaker.passThrough());
            }
            requests = speaker.parseAll(payload);
        } catch (IllegalArgumentException e) {
            return none(speaker.failClosed(ReplyText.malformed(speaker.agent(), e.getMessage())));
        } catch (RuntimeException e) {
            return none(speaker.failClosed(ReplyText.malformed(speaker.agent(), e.toString())));
        }
        if (requests.isEmpty()) {
            return none(speaker.passThrough());
        }
        Request chosen = null;
        Resolution strictest = null;
        for (Request r : requests) {
            Request attributed = attribute(r, hostHint, speaker.agent());
            Resolution res;
            try {
                res = decider.decide(speaker, attributed);
            } catch (RuntimeException e) {
                return none(speaker.failClosed("Blocked by Interlock: the guard failed (" + e + "); nothing was allowed."));
            }
            if (strictest == null || rank(res) > rank(strictest)) {
                strictest = res;
                chosen = attributed;
            }
            if (res.verdict() == Verdict.DENY) {
                break;
            }
        }
        try {
            return new Handled(speaker.reply(chosen, strictest), strictest);
        } catch (RuntimeException e) {
            return none(speaker.failClosed("Blocked by Interlock: could not write the reply (" + e + ")."));
        }
    }

    private static Handled none(Reply r) {
        return new Handled(r, null);
    }

    private static int rank(Resolution r) {
        return switch (r.verdict()) {
            case DENY -> 3;
            case ASK -> 2;
            case ALLOW -> Outcome.of(r) == Outcome.APPROVED ? 0 : 1;
        };
    }

    /** An environment hint names the real host when the payload alone could not (Copilot running a Claude hook). */
    private static Request attribute(Request r, String hostHint, String speaker) {
        Origin o = r.origin();
        if (hostHint == null || hostHint.isBlank() || !o.agent().equals(speaker) || hostHint.equals(speaker)) {
            return r;
        }
        String host = canonical(hostHint);
        if (!host.matches("[a-z0-9-]{1,32}")) {
            return r;
        }
        return new Request(r.action(), new Origin(host, o.sessionId(), o.toolCallId(), o.workspace(), o.pid()),
                r.payload());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
