package dev.interlock.policy.http;

import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.shell.CommandSubject;
import dev.interlock.policy.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The requests a {@code curl} command sends: {@code -X/--request}, {@code -H}, the {@code -d} family,
 * {@code --json}, {@code -F}, {@code -G}, {@code -I}, {@code -T}, {@code -u}, {@code --url}, bundled short flags.
 * A body read from a file ({@code -d @f}) or built from a variable is unknown (fail closed); {@code @-} reads the
 * heredoc fed to the command when there is one.
 */
public final class CurlDeriver extends CommandHttpDeriver {
    static final Set<Character> SHORT_VALUE = Set.of('X', 'H', 'd', 'F', 'T', 'u', 'A', 'e', 'b', 'o', 'w', 'x', 'U',
            'E', 'c', 'D', 'r', 'm', 'z', 'C', 'Y', 'y', 'K', 'Q', 't', 'P');
    static final Set<String> LONG_VALUE = Set.of("--request", "--header", "--data", "--data-ascii", "--data-binary",
            "--data-raw", "--data-urlencode", "--json", "--form", "--form-string", "--upload-file", "--url",
            "--url-query", "--user", "--user-agent", "--referer", "--cookie", "--cookie-jar", "--output",
            "--write-out", "--proxy", "--proxy-user", "--cert", "--cert-type", "--key", "--key-type", "--pass",
            "--cacert", "--capath", "--dump-header", "--range", "--max-time", "--connect-timeout", "--retry",
            "--retry-delay", "--retry-max-time", "--time-cond", "--continue-at", "--speed-limit", "--speed-time",
            "--limit-rate", "--config", "--quote", "--telnet-option", "--ftp-port", "--resolve", "--connect-to",
            "--interface", "--oauth2-bearer", "--aws-sigv4", "--variable", "--trace", "--trace-ascii", "--stderr",
            "--netrc-file", "--unix-socket", "--abstract-unix-socket", "--noproxy", "--proto", "--proto-redir",
            "--max-filesize", "--max-redirs", "--output-dir", "--preproxy", "--proxy-header", "--request-target",
            "--expect100-timeout", "--happy-eyeballs-timeout-ms", "--dns-servers", "--local-port", "--login-options",
            "--mail-from", "--mail-rcpt", "--sasl-authzid", "--service-name", "--socks4", "--socks4a", "--socks5",
            "--socks5-hostname", "--tls-max", "--ciphers", "--curves", "--pinnedpubkey", "--crlfile", "--engine",
            "--etag-compare", "--etag-save", "--hsts", "--alt-svc", "--parallel-max", "--keepalive-time",
            "--delegation", "--krb", "--ftp-account", "--ftp-method", "--ftp-alternative-to-user",
            "--expand-data", "--expand-data-ascii", "--expand-data-binary", "--expand-data-raw",
            "--expand-data-urlencode", "--expand-json", "--expand-url", "--expand-header", "--expand-form",
            "--expand-request", "--expand-user", "--expand-url-query");
    private static final int MAX_URLS = 16;

    public CurlDeriver() {
        super(Set.of("curl", "curl.exe"));
    }

    @Override
    void derive(CommandSubject c, SubjectSink sink) {
        String script = c.script();
        String method = null;
        boolean get = false;
        boolean head = false;
        boolean upload = false;
        boolean json = false;
        boolean multipart = false;
        boolean unknownBody = false;
        List<ArgScanner.Item> urls = new ArrayList<>();
        List<ArgScanner.Item> headers = new ArrayList<>();
        List<String> data = new ArrayList<>();
        List<ArgScanner.Item> dataItems = new ArrayList<>();
        List<String[]> formFields = new ArrayList<>();
        List<String> urlQuery = new ArrayList<>();
        String stdinText = c.stdin() == null ? null : c.stdin().text();
        TextMap stdinLoc = c.stdin() == null ? null : TextMap.of(c.stdin().origin(script));
        for (ArgScanner.Item scanned : ArgScanner.scan(c.args(), SHORT_VALUE, LONG_VALUE)) {
            ArgScanner.Item it = scanned;
            if (it.positional()) {
                urls.add(it);
                continue;
            }
            if (it.name().startsWith("--expand-")) {
                // curl 8.3+ --expand-<option>: the value may pull {{variables}} from files and the environment
                it = new ArgScanner.Item("--" + it.name().substring("--expand-".length()), it.value(), it.word(),
                        it.valueWord(), it.valueStart());
                if (it.value() != null && it.value().contains("{{")) {
                    unknownBody |= !it.is("--header", "--url", "--request", "--user");
                    sink.note("curl expands variables into " + it.name() + ", which Interlock cannot resolve");
                }
            }
            String v = it.value();
            if (it.is("-X", "--request") && v != null) {
                method = v;
            } else if (it.is("-H", "--header") && v != null) {
                if (v.startsWith("@")) {
                    sink.note("curl reads headers from " + v.substring(1) + ", which Interlock cannot see");
                } else {
                    headers.add(it);
                }
            } else if (it.is("-d", "--data", "--data-ascii", "--data-binary", "--data-raw", "--data-urlencode", "--json")
                    && v != null) {
                boolean raw = it.is("--data-raw");
                json |= it.is("--json");
                String text = v;
                if (it.is("--data-urlencode")) {
                    text = urlencode(v);
                    if (text == null) {
                        unknownBody = true;
                        sink.note("curl --data-urlencode reads a file Interlock cannot see: " + v);
                        continue;
                    }
                } else if (!raw && v.startsWith("@")) {
                    if (v.equals("@-") && stdinText != null) {
                        text = stdinText;
                        dataItems.add(null);
                        data.add(text);
                        continue;
                    }
                    unknownBody = true;
                    sink.note("curl sends the body from " + v.substring(1) + ", which Interlock cannot see");
                    dataItems.add(it);
                    continue;
                }
                if (it.dynamic()) {
                    unknownBody = true;
                    sink.note("curl sends a body built from a shell expansion: " + v);
                }
                data.add(text);
                dataItems.add(it);
            } else if (it.is("-F", "--form", "--form-string") && v != null) {
                multipart = true;
                int eq = v.indexOf('=');
                String name = eq < 0 ? v : v.substring(0, eq);
                String value = eq < 0 ? "" : v.substring(eq + 1);
                if (!it.is("--form-string") && (value.startsWith("@") || value.startsWith("<"))) {
                    unknownBody = true;
                    sink.note("curl -F reads field '" + name + "' from a file Interlock cannot see");
                }
                formFields.add(new String[] {name, value});
                dataItems.add(it);
            } else if (it.is("-G", "--get")) {
                get = true;
            } else if (it.is("-I", "--head")) {
                head = true;
            } else if (it.is("-T", "--upload-file")) {
                upload = true;
                unknownBody = true;
                sink.note("curl uploads a file Interlock cannot see");
            } else if (it.is("--url") && v != null) {
                urls.add(it);
            } else if (it.is("--url-query") && v != null) {
                String q = urlencode(v);
                if (q != null) {
                    urlQuery.add(q);
                }
            } else if (it.is("-u", "--user") && v != null) {
                headers.add(synthetic(it, "Authorization: Basic " + java.util.Base64.getEncoder()
                        .encodeToString(v.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            } else if (it.is("--oauth2-bearer") && v != null) {
                headers.add(synthetic(it, "Authorization: Bearer " + v));
            } else if (it.is("-A", "--user-agent") && v != null) {
                headers.add(synthetic(it, "User-Agent: " + v));
            } else if (it.is("-e", "--referer") && v != null) {
                headers.add(synthetic(it, "Referer: " + v));
            } else if (it.is("-b", "--cookie") && v != null && v.contains("=")) {
                headers.add(synthetic(it, "Cookie: " + v));
            } else if (it.is("-K", "--config") && v != null) {
                unknownBody = true;
                sink.note("curl reads options from " + v + ", which Interlock cannot see");
            }
        }
        if (urls.isEmpty()) {
            return;
        }
        boolean hasData = !dataItems.isEmpty() || upload;
        String m = method != null ? method.toUpperCase(java.util.Locale.ROOT)
                : head ? "HEAD" : upload ? "PUT" : get ? "GET" : hasData ? "POST" : "GET";
        String body = json ? String.join("", data) : String.join("&", data);
        int count = 0;
        for (ArgScanner.Item u : urls) {
            for (String text : Globs.expand(u.value())) {
                if (++count > MAX_URLS) {
                    sink.note("curl: more than " + MAX_URLS + " URLs; the rest are not analysed");
                    return;
                }
                sink.add(build(c, u, text, m, get, json, multipart, unknownBody, headers, body, dataItems, formFields,
                        urlQuery, stdinLoc));
            }
        }
    }

    private HttpSubject build(CommandSubject c, ArgScanner.Item u, String urlText, String method, boolean get,
                              boolean json, boolean multipart, boolean unknownBody, List<ArgScanner.Item> headers,
                              String body, List<ArgScanner.Item> dataItems, List<String[]> formFields,
                              List<String> urlQuery, TextMap stdinLoc) {
        String script = c.script();
        TextMap urlLoc = u.valueLoc(script);
        String full = urlText;
        List<String> extra = new ArrayList<>(urlQuery);
        if (get && !body.isEmpty()) {
            extra.add(body);
        }
        if (!extra.isEmpty()) {
            full = urlText + (urlText.contains("?") ? "&" : "?") + String.join("&", extra);
        }
        if (!full.equals(u.value())) {
            urlLoc = urlLoc.blurred();
        }
        HttpSubject.Builder b = HttpSubject.builder(method, Url.parse(full, "http"), urlLoc)
                .via("curl").whole(c.span());
        for (ArgScanner.Item h : headers) {
            String v = h.value();
            int colon = v.indexOf(':');
            int semi = v.indexOf(';');
            if (colon > 0) {
                int vs = colon + 1;
                while (vs < v.length() && v.charAt(vs) == ' ') {
                    vs++;
                }
                TextMap loc = h.valueLoc(script);
                b.header(v.substring(0, colon), v.substring(vs), h.valueStart() < 0 ? loc : loc.sub(vs, v.length()));
            } else if (semi > 0) {
                b.header(v.substring(0, semi), "", h.valueLoc(script));
            }
        }
        TextMap bodyLoc = dataItems.size() == 1 && dataItems.get(0) != null ? dataItems.get(0).valueLoc(script)
                : dataItems.size() == 1 && stdinLoc != null ? stdinLoc
                : ArgScanner.region(script, words(dataItems));
        if (multipart) {
            if (!b.hasHeader("content-type")) {
                b.header("Content-Type", "multipart/form-data", null);
            }
            StringBuilder sb = new StringBuilder();
            for (String[] f : formFields) {
                b.formField(f[0], f[1]);
                sb.append(sb.length() == 0 ? "" : "&").append(f[0]).append('=').append(f[1]);
            }
            b.body(sb.toString(), bodyLoc.blurred());
        } else if (!get) {
            if (!body.isEmpty() && !b.hasHeader("content-type")) {
                b.header("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded", null);
            }
            b.body(body, bodyLoc);
        }
        if (unknownBody) {
            b.bodyUnknown(bodyLoc);
        }
        return b.build();
    }

    /** A header curl sends because of another option ({@code -u}, {@code -A}, …); its span is that option's value. */
    private static ArgScanner.Item synthetic(ArgScanner.Item it, String header) {
        return new ArgScanner.Item(it.name(), header, it.word(), it.valueWord(), -1);
    }

    private static List<Word> words(List<ArgScanner.Item> items) {
        List<Word> out = new ArrayList<>();
        for (ArgScanner.Item i : items) {
            if (i != null) {
                out.add(i.word());
                if (i.valueWord() != null) {
                    out.add(i.valueWord());
                }
            }
        }
        return out;
    }

    /** {@code --data-urlencode} forms: content, =content, name=content, @file, name@file (null: a file). */
    private static String urlencode(String v) {
        int eq = v.indexOf('=');
        int at = v.indexOf('@');
        if (at >= 0 && (eq < 0 || at < eq)) {
            return null;
        }
        if (eq < 0) {
            return Codec.encode(v);
        }
        if (eq == 0) {
            return Codec.encode(v.substring(1));
        }
        return v.substring(0, eq) + "=" + Codec.encode(v.substring(eq + 1));
    }
}
