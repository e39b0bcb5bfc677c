package dev.interlock.policy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.shell.CommandSubject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code az rest} (azure-cli {@code command_modules/util/_params.py} and {@code core/util.py send_raw_request}):
 * {@code --method/-m} (default get, any case), {@code --url/--uri/-u} (without {@code ://} it is an ARM resource
 * ID sent to {@code https://management.azure.com}; the {@code {subscriptionId}} token stays as written, one path
 * segment), {@code --body/-b} (JSON sets {@code Content-Type: application/json}), {@code --headers} and
 * {@code --uri-parameters/--url-parameters} (several words, each {@code KEY=VALUE} or a JSON object). A body read
 * from a file ({@code @file}) or built from a shell expansion is unknown, so ARM rules on the endpoint still hold it.
 */
public final class AzRestDeriver extends CommandHttpDeriver {
    static final String ARM = "https://management.azure.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Character> SHORT_VALUE = Set.of('m', 'u', 'b', 'o');
    private static final Set<String> LONG_VALUE = Set.of("--method", "--url", "--uri", "--body", "--headers",
            "--uri-parameters", "--url-parameters", "--resource", "--output-file", "--subscription", "--output",
            "--query");

    public AzRestDeriver() {
        super(Set.of("az"));
    }

    @Override
    void derive(CommandSubject c, SubjectSink sink) {
        List<ArgScanner.Item> items = ArgScanner.scan(c.args(), SHORT_VALUE, LONG_VALUE);
        String script = c.script();
        ArgScanner.Item url = null;
        ArgScanner.Item body = null;
        String method = "GET";
        List<ArgScanner.Item> headers = new ArrayList<>();
        List<ArgScanner.Item> params = new ArrayList<>();
        List<ArgScanner.Item> list = null; // the nargs='+' option that takes the positional words that follow
        boolean rest = false;
        for (ArgScanner.Item it : items) {
            if (it.positional()) {
                if (!rest) {
                    if (!it.value().equals("rest")) {
                        return; // another az command
                    }
                    rest = true;
                } else if (list != null) {
                    list.add(it);
                }
                continue;
            }
            list = null;
            if (it.value() == null) {
                continue;
            }
            if (it.is("-m", "--method")) {
                method = it.value().toUpperCase(Locale.ROOT);
            } else if (it.is("-u", "--url", "--uri")) {
                url = it;
            } else if (it.is("-b", "--body")) {
                body = it;
            } else if (it.is("--headers")) {
                headers.add(it);
                list = headers;
            } else if (it.is("--uri-parameters", "--url-parameters")) {
                params.add(it);
                list = params;
            }
        }
        if (!rest || url == null) {
            return;
        }
        String u = url.value().trim();
        boolean relative = !u.contains("://");
        String urlText = relative ? ARM + (u.startsWith("/") ? "" : "/") + u : u;
        List<String> query = new ArrayList<>();
        boolean unknownParams = false;
        for (ArgScanner.Item p : params) {
            if (p.value().startsWith("@") || p.dynamic()) {
                unknownParams = true;
                sink.note("az rest --uri-parameters from " + (p.dynamic() ? "a shell expansion" : "a file"));
                continue;
            }
            pairs(p.value()).forEach((k, v) -> query.add(Codec.encode(k) + "=" + Codec.encode(v)));
        }
        if (!query.isEmpty()) {
            urlText = urlText + (urlText.contains("?") ? "&" : "?") + String.join("&", query);
        }
        TextMap urlLoc = relative || !query.isEmpty() || unknownParams ? url.valueLoc(script).blurred()
                : url.valueLoc(script);
        HttpSubject.Builder b = HttpSubject.builder(method, Url.parse(urlText, "https"), urlLoc).via("az rest")
                .whole(c.span());
        for (ArgScanner.Item h : headers) {
            if (h.value().startsWith("@") || h.dynamic()) {
                sink.note("az rest --headers from " + (h.dynamic() ? "a shell expansion" : "a file"));
                continue;
            }
            pairs(h.value()).forEach((k, v) -> b.header(k, v, h.valueLoc(script)));
        }
        if (body != null) {
            String text = body.value();
            if (text.startsWith("@") || body.dynamic()) {
                b.bodyUnknown(body.valueLoc(script));
                sink.note("az rest sends the body from " + (body.dynamic() ? "a shell expansion" : text.substring(1))
                        + ", which Interlock cannot see");
            } else {
                b.body(text, body.valueLoc(script));
                if (!b.hasHeader("Content-Type") && isJson(text)) {
                    b.header("Content-Type", "application/json", null);
                }
            }
        }
        sink.add(b.build());
    }

    /** One {@code --headers}/{@code --uri-parameters} word: a JSON object, or {@code KEY=VALUE}. */
    private static Map<String, String> pairs(String word) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (word.trim().startsWith("{")) {
            try {
                JsonNode n = JSON.readTree(word);
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    out.put(e.getKey(), ValueTests.text(e.getValue()));
                }
                return out;
            } catch (Exception e) {
                // not JSON: read as KEY=VALUE like az does
            }
        }
        int eq = word.indexOf('=');
        if (eq > 0) {
            out.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return out;
    }

    private static boolean isJson(String text) {
        try {
            JSON.readTree(text);
            return !text.isBlank();
        } catch (Exception e) {
            return false;
        }
    }
}
