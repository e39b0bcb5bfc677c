package dev.interlock.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlock.broker.Resolution;
import dev.interlock.hooks.HookAdapter.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

final class AdapterTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    private AdapterTestSupport() {
    }

    static byte[] payload(String name) {
        try (InputStream in = AdapterTestSupport.class.getResourceAsStream("/hooks/payloads/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test payload " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reply run(String agent, String payloadFile, TestGuard guard) {
        return new HookHandler(HookAdapters.standard(), guard).handle(agent, payload(payloadFile), null);
    }

    static Reply run(String agent, String payloadFile, Resolution r) {
        return run(agent, payloadFile, TestGuard.always(r));
    }

    static JsonNode json(Reply r) {
        try {
            return JSON.readTree(r.stdout());
        } catch (IOException e) {
            throw new AssertionError("reply is not JSON: " + r.stdout(), e);
        }
    }
}
