package dev.interlock.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One control API request, independent of the HTTP library.
 *
 * @param headers    lower-case names, first value
 * @param callerGone completes when the client disconnects
 */
record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body,
                  CompletableFuture<Void> callerGone) {
    String header(String name) {
        return headers.get(name);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
