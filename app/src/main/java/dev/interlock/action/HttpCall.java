package dev.interlock.action;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request about to be sent (seen by the proxy, or translated from {@code curl}/{@code wget}/… in a
 * shell command).
 *
 * @param method        upper-case method
 * @param url           absolute URL, {@code scheme://host[:port]/path?query}
 * @param headers       header names in lower case, in arrival order of their values
 * @param body          the body as text, or a bounded prefix of it; empty when there is none
 * @param bodyTruncated true when {@code body} is only a prefix of a larger body
 */
public record HttpCall(String method, String url, Map<String, List<String>> headers, String body,
                       boolean bodyTruncated) implements Action {
    public HttpCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        method = method.toUpperCase(Locale.ROOT);
        TreeMap<String, List<String>> lower = new TreeMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new java.util.ArrayList<>())
                    .addAll(v));
        }
        lower.replaceAll((k, v) -> List.copyOf(v));
        headers = java.util.Collections.unmodifiableMap(lower);
        body = body == null ? "" : body;
    }

    public HttpCall(String method, String url, Map<String, List<String>> headers, String body) {
        this(method, url, headers, body, false);
    }

    /** First value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public String kind() {
        return "http";
    }

    @Override
    public String summary() {
        return method + " " + url;
    }
}
