package dev.interlock.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One control API response. */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, "application/json", (body.toString() + "\n").getBytes(StandardCharsets.UTF_8),
                new LinkedHashMap<>());
    }

    static ApiResponse error(int status, String message) {
        return json(status, ApiJson.JSON.createObjectNode().put("error", message));
    }

    static ApiResponse text(int status, String text) {
        return new ApiResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8),
                new LinkedHashMap<>());
    }

    ApiResponse with(String header, String value) {
        headers.put(header, value);
        return this;
    }
}
