package dev.interlock.proxy;

import dev.interlock.action.HttpCall;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** Turns an intercepted request into the {@link HttpCall} the guard sees. */
final class HttpCalls {
    /** Connection-level headers: they describe the hop to the proxy, not the request. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authorization",
            "proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade", "expect");

    private HttpCalls() {
    }

    /**
     * @param body      the body bytes the proxy holds (at most the configured bound)
     * @param truncated true when the request's body is longer than {@code body}
     */
    static HttpCall of(HttpRequest req, Target target, byte[] body, boolean truncated, int bound) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : req.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name)) {
                headers.computeIfAbsent(name, k -> new ArrayList<>()).add(h.getValue());
            }
        }
        String url = target.base() + Target.originForm(req.uri());
        String encoding = req.headers().get(HttpHeaderNames.CONTENT_ENCODING, "identity").trim().toLowerCase(Locale.ROOT);
        byte[] plain = body;
        boolean cut = truncated;
        if (!encoding.isEmpty() && !encoding.equals("identity") && body.length > 0) {
            Decoded d = decode(encoding, body, bound);
            plain = d.bytes;
            // A body the proxy cannot read is treated as unseen: rules that look at bodies then fail closed.
            cut = cut || d.incomplete;
        }
        return new HttpCall(req.method().name(), url, headers, new String(plain, charset(req.headers())), cut);
    }

    private record Decoded(byte[] bytes, boolean incomplete) {
    }

    private static Decoded decode(String encoding, byte[] body, int bound) {
        try (InputStream in = switch (encoding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
            case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
            default -> null;
        }) {
            if (in == null) {
                return new Decoded(new byte[0], true);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > bound) {
                    out.write(buf, 0, bound - out.size());
                    return new Decoded(out.toByteArray(), true);
                }
                out.write(buf, 0, n);
            }
            return new Decoded(out.toByteArray(), false);
        } catch (IOException e) {
            // truncated prefix of a compressed body, or garbage: whatever was inflated is all the guard sees
            return new Decoded(new byte[0], true);
        }
    }

    private static Charset charset(HttpHeaders headers) {
        String ct = headers.get(HttpHeaderNames.CONTENT_TYPE, "");
        int i = ct.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (i >= 0) {
            String name = ct.substring(i + 8).split("[;\\s]")[0].replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (Exception e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }
}
