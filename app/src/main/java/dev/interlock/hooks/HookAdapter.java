package dev.interlock.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlock.action.Action;
import dev.interlock.action.Origin;
import dev.interlock.broker.Resolution;
import java.util.Optional;

/**
 * Translates one agent's hook protocol (agent-integrations.md): its payload into an action, and a resolution
 * into the exact reply that agent reads (stdout text and exit code).
 */
public interface HookAdapter {

    /** The agent id used in {@code interlock hook <agent>}: claude-code, cursor, gemini, codex, copilot, … */
    String agent();

    /**
     * The action in this payload, or empty when the payload is an event Interlock does not guard (the reply is
     * then {@link #passThrough()}). A payload that cannot be understood must throw
     * {@link IllegalArgumentException}: the caller fails closed. An adapter implements this or {@link #parseAll};
     * the default is the first of {@link #parseAll}.
     */
    default Optional<Request> parse(JsonNode payload) {
        java.util.List<Request> all = parseAll(payload);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /**
     * Every action in the payload, in order; most payloads hold one. A patch that touches several files holds one
     * per file, and all of them must be decided (the strictest answer wins). Defaults to {@link #parse}.
     */
    default java.util.List<Request> parseAll(JsonNode payload) {
        return parse(payload).map(java.util.List::of).orElse(java.util.List.of());
    }

    /** The agent's reply for a resolution. */
    Reply reply(Request request, Resolution resolution);

    /**
     * What an after-the-fact event (PostToolUse and equivalents, sent to {@code POST /v1/hook/<agent>/result})
     * reports: exit code and output of a tool call, for the audit log. Empty: the control API falls back to
     * common field names (session_id, tool_use_id, tool_response.stdout/stderr/exit_code, …).
     */
    default Optional<dev.interlock.audit.ResultReport> result(JsonNode payload) {
        return Optional.empty();
    }

    /**
     * Who ended when the payload says an agent session ended (Claude Code's {@code SessionEnd}): the broker ends
     * that session's "this session" grants. Empty for every other event.
     */
    default Optional<Origin> sessionEnded(JsonNode payload) {
        return Optional.empty();
    }

    /** The reply for events that are not guarded. */
    Reply passThrough();

    /** The reply when Interlock cannot decide (service down and no local policy): fails closed. */
    Reply failClosed(String reason);

    record Request(Action action, Origin origin, JsonNode payload) {
    }

    /** What the hook client prints and the exit code it ends with. */
    record Reply(String stdout, int exitCode, String stderr) {
        public Reply(String stdout, int exitCode) {
            this(stdout, exitCode, "");
        }
    }
}
