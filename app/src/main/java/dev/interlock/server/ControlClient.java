package dev.interlock.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.config.DataDir;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** A client of the running service's control API, for the CLI (and tests). */
public final class ControlClient {
    /** An HTTP answer: status, parsed JSON body (or null) and the raw text. */
    public record Response(int status, JsonNode json, String text, java.net.http.HttpHeaders headers) {
        public boolean ok() {
            return status / 100 == 2;
        }

        /** The error message of a non-2xx JSON answer. */
        public String error() {
            return json != null && json.has("error") ? json.get("error").asText() : text;
        }
    }

    private final int port;
    private final String token;
    private final HttpClient http;

    public ControlClient(int port, String token) {
        this.port = port;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** A client for the service of this data directory, if its endpoint file exists. */
    public static Optional<ControlClient> connect(DataDir dir, boolean admin) throws IOException {
        OptionalInt port = RunFiles.readEndpoint(dir);
        String token = RunFiles.readToken(admin ? RunFiles.adminToken(dir) : RunFiles.hookToken(dir));
        if (port.isEmpty() || token == null) {
            return Optional.empty();
        }
        return Optional.of(new ControlClient(port.getAsInt(), token));
    }

    public int port() {
        return port;
    }

    /** The service's status when it answers, else empty (not running, or another process on the port). */
    public Optional<JsonNode> status() {
        try {
            Response r = get("/v1/status", Duration.ofSeconds(3));
            return r.ok() && r.json() != null && r.json().path("running").asBoolean() ? Optional.of(r.json()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Response get(String path, Duration timeout) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), timeout);
    }

    public Response post(String path, JsonNode body, Duration timeout) throws IOException {
        return postRaw(path, body == null ? "{}" : body.toString(), timeout);
    }

    public Response postRaw(String path, String body, Duration timeout) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), timeout);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Response send(HttpRequest.Builder b, Duration timeout) throws IOException {
        try {
            HttpResponse<String> r = http.send(b.header("Authorization", "Bearer " + token).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = null;
            String ct = r.headers().firstValue("content-type").orElse("");
            if (ct.startsWith("application/json")) {
                try {
                    json = ApiJson.JSON.readTree(r.body());
                } catch (IOException ignored) {
                    // leave json null; text has the body
                }
            }
            return new Response(r.statusCode(), json, r.body(), r.headers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public static ObjectNode object() {
        return ApiJson.JSON.createObjectNode();
    }
}
