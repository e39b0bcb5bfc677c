package dev.interlock.policy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.shell.CommandSubject;
import dev.interlock.policy.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * HTTPie ({@code http}, {@code https}) and xh ({@code xh}, {@code xhs}): {@code [METHOD] URL [ITEM…]} with items
 * {@code Header:value}, {@code name==query}, {@code field=string} (JSON, or a form with {@code -f}),
 * {@code field:=json}, and file items ({@code field@file}, {@code field=@file}, {@code field:=@file}) whose
 * content is unknown. {@code --raw BODY} sets the body; a piped stdin is an unknown body.
 */
public final class HttpieDeriver extends CommandHttpDeriver {
    private static final Set<String> PROGRAMS = Set.of("http", "https", "xh", "xhs");
    private static final Set<Character> SHORT_VALUE = Set.of('a', 'A', 'o', 'p', 's', 'P');
    private static final Set<String> LONG_VALUE = Set.of("--auth", "--auth-type", "--bearer", "--output", "--print",
            "--pretty", "--style", "--session", "--session-read-only", "--verify", "--cert", "--cert-key",
            "--cert-key-pass", "--timeout", "--max-redirects", "--proxy", "--format-options", "--default-scheme",
            "--boundary", "--response-charset", "--response-mime", "--ssl", "--ciphers", "--max-headers", "--raw",
            "--http-version", "--resolve", "--interface", "--history-print", "--unix-socket");

    public HttpieDeriver() {
        super(PROGRAMS);
    }

    @Override
    void derive(CommandSubject c, SubjectSink sink) {
        String script = c.script();
        String defaultScheme = c.program().endsWith("s") ? "https" : "http";
        boolean form = false;
        boolean ignoreStdin = false;
        ArgScanner.Item raw = null;
        List<ArgScanner.Item> positional = new ArrayList<>();
        for (ArgScanner.Item it : ArgScanner.scan(c.args(), SHORT_VALUE, LONG_VALUE)) {
            if (it.positional()) {
                positional.add(it);
            } else if (it.is("-f", "--form", "--multipart")) {
                form = true;
            } else if (it.is("-I", "--ignore-stdin")) {
                ignoreStdin = true;
            } else if (it.is("--raw") && it.value() != null) {
                raw = it;
            } else if (it.is("--default-scheme") && it.value() != null) {
                defaultScheme = it.value();
            }
        }
        if (positional.isEmpty()) {
            return;
        }
        String method = null;
        int u = 0;
        if (positional.size() > 1 && positional.get(0).value().matches("[A-Za-z]+")
                && !positional.get(0).value().contains(".")) {
            method = positional.get(0).value().toUpperCase(Locale.ROOT);
            u = 1;
        }
        ArgScanner.Item urlItem = positional.get(u);
        String urlText = urlItem.value();
        TextMap urlLoc = urlItem.valueLoc(script);
        if (urlText.startsWith(":")) {
            urlText = "localhost" + urlText;
            urlLoc = urlLoc.blurred();
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        List<String> formPairs = new ArrayList<>();
        List<String> query = new ArrayList<>();
        List<String[]> headers = new ArrayList<>();
        List<ArgScanner.Item> headerItems = new ArrayList<>();
        List<Word> dataWords = new ArrayList<>();
        boolean unknown = false;
        boolean hasData = false;
        for (ArgScanner.Item it : positional.subList(u + 1, positional.size())) {
            Item item = Item.parse(it.value());
            if (item == null) {
                continue;
            }
            switch (item.sep) {
                case ":" -> {
                    headers.add(new String[] {item.key, item.value});
                    headerItems.add(it);
                }
                case "==" -> query.add(Codec.encode(item.key) + "=" + Codec.encode(item.value));
                case "=", ":=" -> {
                    hasData = true;
                    dataWords.add(it.word());
                    unknown |= it.dynamic();
                    JsonNode v = item.sep.equals(":=") ? FieldBody.raw(item.value)
                            : JsonNodeFactory.instance.textNode(item.value);
                    FieldBody.put(json, item.key, v);
                    formPairs.add(Codec.encode(item.key) + "=" + Codec.encode(item.value));
                }
                default -> {
                    // field@file, field=@file, field:=@file
                    hasData = true;
                    unknown = true;
                    dataWords.add(it.word());
                    sink.note(c.program() + " reads field '" + item.key + "' from a file Interlock cannot see");
                }
            }
        }
        if (!query.isEmpty()) {
            urlText = urlText + (urlText.contains("?") ? "&" : "?") + String.join("&", query);
            urlLoc = urlLoc.blurred();
        }
        boolean stdinBody = !ignoreStdin && raw == null && !hasData && (c.stdin() != null || c.pipedInput());
        if (method == null) {
            method = hasData || raw != null || stdinBody ? "POST" : "GET";
        }
        HttpSubject.Builder b = HttpSubject.builder(method, Url.parse(urlText, defaultScheme), urlLoc)
                .via(c.program()).whole(c.span());
        for (int i = 0; i < headers.size(); i++) {
            b.header(headers.get(i)[0], headers.get(i)[1], headerItems.get(i).valueLoc(script));
        }
        if (raw != null) {
            b.body(raw.value(), raw.valueLoc(script));
            unknown |= raw.dynamic();
        } else if (hasData) {
            TextMap loc = ArgScanner.region(script, dataWords);
            if (form) {
                if (!b.hasHeader("content-type")) {
                    b.header("Content-Type", "application/x-www-form-urlencoded", null);
                }
                b.body(String.join("&", formPairs), loc);
            } else {
                if (!b.hasHeader("content-type")) {
                    b.header("Content-Type", "application/json", null);
                }
                b.body(FieldBody.toJson(json), loc);
            }
            if (unknown) {
                b.bodyUnknown(loc);
            }
        } else if (stdinBody) {
            if (c.stdin() != null) {
                b.body(c.stdin().text(), TextMap.of(c.stdin().origin(script)));
            } else {
                b.bodyUnknown(null);
                sink.note(c.program() + " sends its piped stdin as the body, which Interlock cannot see");
            }
        }
        sink.add(b.build());
    }

    /** One request item: the key, the separator, the value (backslash escapes removed). */
    private record Item(String key, String sep, String value) {
        private static final String[] SEPARATORS = {":=@", "=@", "==", ":=", "@", "=", ":"};

        static Item parse(String text) {
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '\\' && i + 1 < text.length()) {
                    key.append(text.charAt(++i));
                    continue;
                }
                for (String sep : SEPARATORS) {
                    if (text.startsWith(sep, i)) {
                        return new Item(key.toString(), sep, text.substring(i + sep.length()));
                    }
                }
                key.append(ch);
            }
            return null;
        }
    }
}
