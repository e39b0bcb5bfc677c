package dev.interlock.policy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlock.policy.Span;
import dev.interlock.policy.Subject;
import dev.interlock.policy.TextOrigin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request, however it is sent: seen by the proxy, or built from a {@code curl}/{@code wget}/{@code http}/
 * {@code gh api}/… command. Form fields, the JSON body and the GraphQL operations are parsed only when a rule
 * asks for them.
 *
 * <p>A body that Interlock cannot see (read from a file, built from a variable) is <em>unknown</em>: every
 * condition on it counts as met, so a rule whose endpoint matches still asks (fail closed).
 */
public final class HttpSubject implements Subject {
    public static final String TYPE = "http";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final Url url;
    private final Map<String, List<String>> headers;
    private final String body;
    private final boolean bodyKnown;
    private final boolean bodyTruncated;
    private final Map<String, List<String>> extraForm;
    private final String via;
    private final TextMap urlLoc;
    private final TextMap bodyLoc;
    private final Map<String, TextMap> headerLocs;
    private final Span whole;
    private final List<GraphqlSource> presetGraphql;
    private final List<String> hosts;

    private Map<String, List<String>> form;
    private Optional<JsonNode> json;
    private GraphqlView graphql;

    private HttpSubject(Builder b) {
        this.method = b.method.toUpperCase(Locale.ROOT);
        this.url = b.url;
        Map<String, List<String>> hs = new LinkedHashMap<>();
        b.headers.forEach((k, v) -> hs.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(hs);
        this.body = b.body == null ? "" : b.body;
        this.bodyKnown = b.bodyKnown;
        this.bodyTruncated = b.bodyTruncated;
        this.extraForm = b.extraForm;
        this.via = b.via;
        this.urlLoc = b.urlLoc;
        this.bodyLoc = b.bodyLoc == null ? b.urlLoc : b.bodyLoc;
        this.headerLocs = Map.copyOf(b.headerLocs);
        this.whole = b.whole == null ? b.urlLoc.all() : b.whole;
        this.presetGraphql = b.presetGraphql == null ? null : List.copyOf(b.presetGraphql);
        LinkedHashSet<String> h = new LinkedHashSet<>();
        h.add(url.host());
        List<String> hostHeader = headers.get("host");
        if (hostHeader != null) {
            for (String v : hostHeader) {
                h.add(Url.parse("//" + v.trim(), url.scheme()).host());
            }
        }
        h.remove("");
        this.hosts = List.copyOf(h);
    }

    static Builder builder(String method, Url url, TextMap urlLoc) {
        return new Builder(method, url, urlLoc);
    }

    /** Builds a subject; package-private parts are filled by the analyzer and the command derivers. */
    static final class Builder {
        private final String method;
        private final Url url;
        private final TextMap urlLoc;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final Map<String, TextMap> headerLocs = new LinkedHashMap<>();
        private final Map<String, List<String>> extraForm = new LinkedHashMap<>();
        private String body = "";
        private boolean bodyKnown = true;
        private boolean bodyTruncated;
        private String via = "http";
        private TextMap bodyLoc;
        private Span whole;
        private List<GraphqlSource> presetGraphql;

        private Builder(String method, Url url, TextMap urlLoc) {
            this.method = Objects.requireNonNull(method);
            this.url = Objects.requireNonNull(url);
            this.urlLoc = Objects.requireNonNull(urlLoc);
        }

        Builder header(String name, String value, TextMap loc) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(n, k -> new ArrayList<>()).add(value);
            if (loc != null) {
                headerLocs.putIfAbsent(n, loc);
            }
            return this;
        }

        Builder replaceHeader(String name, String value, TextMap loc) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            headers.remove(n);
            headerLocs.remove(n);
            return header(name, value, loc);
        }

        boolean hasHeader(String name) {
            return headers.containsKey(name.toLowerCase(Locale.ROOT));
        }

        Builder body(String text, TextMap loc) {
            this.body = text;
            this.bodyLoc = loc;
            return this;
        }

        Builder bodyUnknown(TextMap loc) {
            this.bodyKnown = false;
            if (loc != null) {
                this.bodyLoc = loc;
            }
            return this;
        }

        Builder truncated(boolean t) {
            this.bodyTruncated = t;
            return this;
        }

        Builder formField(String name, String value) {
            extraForm.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        Builder via(String v) {
            this.via = v;
            return this;
        }

        Builder whole(Span span) {
            this.whole = span;
            return this;
        }

        Builder graphql(List<GraphqlSource> sources) {
            this.presetGraphql = sources;
            return this;
        }

        HttpSubject build() {
            return new HttpSubject(this);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The host, then its wildcard forms ({@code *.b.c}, {@code *.c}), then {@code *}. */
    @Override
    public List<String> indexKeys() {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (String h : hosts) {
            keys.add(h);
            int dot = h.indexOf('.');
            while (dot >= 0 && dot < h.length() - 1) {
                keys.add("*" + h.substring(dot));
                dot = h.indexOf('.', dot + 1);
            }
        }
        keys.add("*");
        return new ArrayList<>(keys);
    }

    @Override
    public String describe() {
        return via + ": " + method + " " + url.scheme() + "://" + url.host() + url.path()
                + (url.rawQuery().isEmpty() ? "" : "?" + url.rawQuery()) + (bodyKnown ? "" : " (body unknown)");
    }

    public String method() {
        return method;
    }

    /**
     * Methods named by {@code X-HTTP-Method-Override}, {@code X-HTTP-Method} or {@code X-Method-Override}: some
     * servers run a POST as the method named there, so rules on that method apply too.
     */
    public List<String> methodOverrides() {
        List<String> out = new ArrayList<>();
        for (String h : List.of("x-http-method-override", "x-http-method", "x-method-override")) {
            header(h).forEach(v -> out.add(v.trim().toUpperCase(Locale.ROOT)));
        }
        return out;
    }

    public Url url() {
        return url;
    }

    /** The URL's host, and the {@code Host} header's if it names another. */
    public List<String> hosts() {
        return hosts;
    }

    public String host() {
        return url.host();
    }

    public String path() {
        return url.path();
    }

    public Map<String, List<String>> query() {
        return url.query();
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public String body() {
        return body;
    }

    /** False when the body is sent from somewhere Interlock cannot read (a file, a variable). */
    public boolean bodyKnown() {
        return bodyKnown;
    }

    public boolean bodyTruncated() {
        return bodyTruncated;
    }

    /** Media type without parameters, lower case; empty when there is no {@code Content-Type}. */
    public String contentType() {
        List<String> ct = header("content-type");
        if (ct.isEmpty()) {
            return "";
        }
        String v = ct.get(ct.size() - 1);
        int semi = v.indexOf(';');
        return (semi < 0 ? v : v.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    public String via() {
        return via;
    }

    /** Form fields: the URL-encoded body (or multipart fields) plus the query string. */
    public Map<String, List<String>> form() {
        if (form == null) {
            Map<String, List<String>> f = new LinkedHashMap<>();
            url.query().forEach((k, v) -> f.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            String ct = contentType();
            if (bodyKnown && (ct.equals("application/x-www-form-urlencoded")
                    || (ct.isEmpty() && !body.isEmpty() && !body.trim().startsWith("{") && !body.trim().startsWith("[")))) {
                Codec.form(body).forEach((k, v) -> f.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            }
            extraForm.forEach((k, v) -> f.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            form = f;
        }
        return form;
    }

    /** The body as JSON, when it is JSON. */
    public Optional<JsonNode> json() {
        if (json == null) {
            json = Optional.empty();
            String t = body.trim();
            if (bodyKnown && (t.startsWith("{") || t.startsWith("["))) {
                try {
                    json = Optional.ofNullable(JSON.readTree(body));
                } catch (Exception e) {
                    json = Optional.empty();
                }
            }
        }
        return json;
    }

    /** The GraphQL operations this request would run, or why they cannot be known. */
    public GraphqlView graphql() {
        if (graphql == null) {
            graphql = presetGraphql != null ? GraphqlView.of(presetGraphql) : GraphqlView.read(this);
        }
        return graphql;
    }

    TextMap urlLoc() {
        return urlLoc;
    }

    TextMap bodyLoc() {
        return bodyLoc;
    }

    /** Span of a header's first value, or of the whole request when unknown. */
    Span headerSpan(String name) {
        TextMap loc = headerLocs.get(name.toLowerCase(Locale.ROOT));
        return loc == null ? whole : loc.all();
    }

    Span pathSpan() {
        return urlLoc.span(url.pathStart(), url.pathEnd());
    }

    Span wholeSpan() {
        return whole;
    }

    /** Builds the subject of an {@link dev.interlock.action.HttpCall}. */
    static HttpSubject fromCall(dev.interlock.action.HttpCall call) {
        Url url = Url.parse(call.url(), "https");
        Builder b = builder(call.method(), url, TextMap.of(TextOrigin.whole("url", call.url())));
        call.headers().forEach((name, values) -> {
            for (String v : values) {
                b.header(name, v, TextMap.of(TextOrigin.whole("header:" + name, v)));
            }
        });
        b.body(call.body(), TextMap.of(TextOrigin.whole("body", call.body())));
        b.truncated(call.bodyTruncated());
        b.via("http");
        b.whole(Span.of("url", call.url(), 0, call.url().length()));
        return b.build();
    }
}
