package dev.interlock.policy.http;

import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.shell.CommandSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code wget}: {@code --method}, {@code --body-data}, {@code --post-data}, {@code --header}; file bodies are unknown. */
public final class WgetDeriver extends CommandHttpDeriver {
    private static final Set<Character> SHORT_VALUE = Set.of('O', 'o', 'a', 'U', 'e', 'i', 'P', 't', 'T', 'w', 'Q',
            'l', 'A', 'R', 'D', 'X', 'I', 'B');
    private static final Set<String> LONG_VALUE = Set.of("--method", "--body-data", "--body-file", "--post-data",
            "--post-file", "--header", "--output-document", "--output-file", "--append-output", "--user-agent",
            "--user", "--password", "--http-user", "--http-password", "--execute", "--input-file",
            "--directory-prefix", "--tries", "--timeout", "--wait", "--quota", "--level", "--accept", "--reject",
            "--domains", "--exclude-directories", "--include-directories", "--base", "--referer",
            "--load-cookies", "--save-cookies", "--ca-certificate", "--certificate", "--private-key", "--proxy-user",
            "--proxy-password", "--limit-rate", "--bind-address", "--config");

    public WgetDeriver() {
        super(Set.of("wget", "wget2"));
    }

    @Override
    void derive(CommandSubject c, SubjectSink sink) {
        String script = c.script();
        String method = null;
        ArgScanner.Item data = null;
        boolean unknown = false;
        List<ArgScanner.Item> headers = new ArrayList<>();
        List<ArgScanner.Item> urls = new ArrayList<>();
        for (ArgScanner.Item it : ArgScanner.scan(c.args(), SHORT_VALUE, LONG_VALUE)) {
            String v = it.value();
            if (it.positional()) {
                urls.add(it);
            } else if (it.is("--method") && v != null) {
                method = v.toUpperCase(Locale.ROOT);
            } else if (it.is("--body-data", "--post-data") && v != null) {
                data = it;
                method = method == null && it.is("--post-data") ? "POST" : method;
                unknown |= it.dynamic();
            } else if (it.is("--body-file", "--post-file") && v != null) {
                data = it;
                unknown = true;
                method = method == null && it.is("--post-file") ? "POST" : method;
                sink.note("wget sends the body from " + v + ", which Interlock cannot see");
            } else if (it.is("--header") && v != null) {
                headers.add(it);
            }
        }
        for (ArgScanner.Item u : urls) {
            HttpSubject.Builder b = HttpSubject.builder(method == null ? "GET" : method, Url.parse(u.value(), "http"),
                    u.valueLoc(script)).via("wget").whole(c.span());
            for (ArgScanner.Item h : headers) {
                int colon = h.value().indexOf(':');
                if (colon > 0) {
                    b.header(h.value().substring(0, colon), h.value().substring(colon + 1).trim(), h.valueLoc(script));
                }
            }
            if (data != null) {
                if (!b.hasHeader("content-type")) {
                    b.header("Content-Type", "application/x-www-form-urlencoded", null);
                }
                b.body(data.value(), data.valueLoc(script));
                if (unknown) {
                    b.bodyUnknown(data.valueLoc(script));
                }
            }
            sink.add(b.build());
        }
    }
}
