package dev.interlock.hooks;

import dev.interlock.hooks.HookAdapter.Reply;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wire contract between the per-call hook clients ({@code share/hooks/interlock-hook}, the OpenCode plugin,
 * {@code interlock hook}) and the control API's {@code POST /v1/hook/{agent}}.
 *
 * <p>Request: the agent's raw payload as the body; {@code Authorization: Bearer <run/hook-token>};
 * optional {@value #HOST} (the host agent named by the hook's environment, see {@link HostDetector}) and
 * {@value #BUDGET} (seconds the client will wait; the service should end any hold before it).
 * <p>Response: 200 with the agent's stdout as the body, {@value #EXIT} its exit code and, when there is one,
 * {@value #STDERR} the text for stderr, Base64 of its UTF-8 bytes (the control API's choice: any text survives a
 * header). Clients also accept a plain one-line {@value #STDERR_PLAIN}. Anything else (no exit header, another
 * status) makes the client fail closed.
 */
public final class HookHttp {
    public static final String PATH_PREFIX = "/v1/hook/";
    public static final String EXIT = "X-Interlock-Exit";
    public static final String STDERR = "X-Interlock-Stderr-B64";
    public static final String STDERR_PLAIN = "X-Interlock-Stderr";
    public static final String HOST = "X-Interlock-Host";
    public static final String BUDGET = "X-Interlock-Budget";

    private HookHttp() {
    }

    /** Response headers for a reply (the body is {@code reply.stdout()}). */
    public static Map<String, String> responseHeaders(Reply reply) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(EXIT, Integer.toString(reply.exitCode()));
        if (reply.stderr() != null && !reply.stderr().isBlank()) {
            h.put(STDERR, java.util.Base64.getEncoder().encodeToString(
                    reply.stderr().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return h;
    }

}
