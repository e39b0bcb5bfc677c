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
 * {@code gh api} and {@code glab api}: the endpoint (a path, {@code graphql}, or a URL), {@code -X/--method},
 * {@code -f/--raw-field}, {@code -F/--field} (typed; {@code @file} unknown), {@code -H}, {@code --input},
 * {@code --hostname}. Without {@code -X} the method is GET, or POST when fields or an input are given; fields of a
 * GET go to the query string; for {@code graphql} every field but {@code query} and {@code operationName} is a
 * variable.
 */
public final class ForgeApiDeriver extends CommandHttpDeriver {
    private static final Set<Character> SHORT_VALUE = Set.of('X', 'f', 'F', 'H', 'p', 'q', 't');
    private static final Set<String> LONG_VALUE = Set.of("--method", "--raw-field", "--field", "--header", "--input",
            "--hostname", "--preview", "--jq", "--template", "--cache", "--output");

    private final String program;
    private final String defaultHost;
    private final String restPrefix;
    private final String graphqlPath;

    private ForgeApiDeriver(String program, String defaultHost, String restPrefix, String graphqlPath) {
        super(java.util.Set.of(program));
        this.program = program;
        this.defaultHost = defaultHost;
        this.restPrefix = restPrefix;
        this.graphqlPath = graphqlPath;
    }

    /** {@code gh api}: api.github.com (GitHub Enterprise: HOST/api/v3, HOST/api/graphql). */
    public static ForgeApiDeriver gh() {
        return new ForgeApiDeriver("gh", "github.com", "/", "/graphql");
    }

    /** {@code glab api}: gitlab.com/api/v4, gitlab.com/api/graphql. */
    public static ForgeApiDeriver glab() {
        return new ForgeApiDeriver("glab", "gitlab.com", "/api/v4/", "/api/graphql");
    }

    @Override
    void derive(CommandSubject c, SubjectSink sink) {
        if (c.args().isEmpty() || !c.args().get(0).text().equals("api")) {
            return;
        }
        String script = c.script();
        List<ArgScanner.Item> items = ArgScanner.scan(c.args().subList(1, c.args().size()), SHORT_VALUE, LONG_VALUE);
        ArgScanner.Item endpoint = null;
        String method = null;
        String hostname = c.assignments().get(program.equals("gh") ? "GH_HOST" : "GITLAB_HOST");
        List<ArgScanner.Item> fields = new ArrayList<>();
        List<ArgScanner.Item> headers = new ArrayList<>();
        ArgScanner.Item input = null;
        for (ArgScanner.Item it : items) {
            if (it.positional()) {
                if (endpoint == null) {
                    endpoint = it;
                }
            } else if (it.is("-X", "--method") && it.value() != null) {
                method = it.value().toUpperCase(Locale.ROOT);
            } else if (it.is("-f", "--raw-field", "-F", "--field") && it.value() != null) {
                fields.add(it);
            } else if (it.is("-H", "--header") && it.value() != null) {
                headers.add(it);
            } else if (it.is("--input") && it.value() != null) {
                input = it;
            } else if (it.is("--hostname") && it.value() != null) {
                hostname = it.value();
            }
        }
        if (endpoint == null) {
            return;
        }
        String ep = endpoint.value();
        boolean graphql = ep.equals("graphql");
        String host = hostname == null || hostname.isBlank() ? defaultHost : hostname.trim();
        boolean dotCom = host.equals("github.com") || host.equals("api.github.com");
        String base = program.equals("gh") && dotCom ? "https://api.github.com" : "https://" + host;
        String prefix = program.equals("gh") && !dotCom ? "/api/v3/" : restPrefix;
        String gqlPath = program.equals("gh") && !dotCom ? "/api/graphql" : graphqlPath;
        String urlText;
        if (ep.matches("(?i)https?://.*")) {
            urlText = ep;
        } else if (graphql) {
            urlText = base + gqlPath;
        } else {
            urlText = base + prefix + (ep.startsWith("/") ? ep.substring(1) : ep);
        }
        if (method == null) {
            method = fields.isEmpty() && input == null ? "GET" : "POST";
        }
        boolean fieldsInQuery = !graphql && (method.equals("GET") || input != null);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode vars = JsonNodeFactory.instance.objectNode();
        List<String> query = new ArrayList<>();
        boolean unknown = false;
        String doc = null;
        TextMap docLoc = null;
        String operationName = null;
        for (ArgScanner.Item f : fields) {
            String v = f.value();
            int eq = v.indexOf('=');
            String key = eq < 0 ? v : v.substring(0, eq);
            String value = eq < 0 ? "" : v.substring(eq + 1);
            boolean typed = f.is("-F", "--field");
            if ((typed && value.startsWith("@")) || f.dynamic()) {
                unknown = true;
                sink.note(program + " api field '" + key + "' comes from " + (f.dynamic() ? "a shell expansion" : "a file"));
                continue;
            }
            JsonNode node = typed ? FieldBody.typed(value) : JsonNodeFactory.instance.textNode(value);
            if (graphql && key.equals("query")) {
                doc = value;
                docLoc = f.valueLoc(script).sub(eq + 1, v.length());
            } else if (graphql && key.equals("operationName")) {
                operationName = value;
            } else if (graphql) {
                FieldBody.put(vars, key, node);
            } else if (fieldsInQuery) {
                query.add(Codec.encode(key) + "=" + Codec.encode(value));
            } else {
                FieldBody.put(body, key, node);
            }
        }
        if (!query.isEmpty()) {
            urlText = urlText + (urlText.contains("?") ? "&" : "?") + String.join("&", query);
        }
        TextMap urlLoc = endpoint.valueLoc(script).blurred();
        HttpSubject.Builder b = HttpSubject.builder(method, Url.parse(urlText, "https"), urlLoc)
                .via(program + " api").whole(c.span());
        for (ArgScanner.Item h : headers) {
            int colon = h.value().indexOf(':');
            if (colon > 0) {
                b.header(h.value().substring(0, colon), h.value().substring(colon + 1).trim(), h.valueLoc(script));
            }
        }
        List<Word> fieldWords = new ArrayList<>();
        fields.forEach(f -> {
            fieldWords.add(f.word());
            if (f.valueWord() != null) {
                fieldWords.add(f.valueWord());
            }
        });
        TextMap bodyLoc = ArgScanner.region(script, fieldWords.isEmpty() ? List.of(endpoint.word()) : fieldWords);
        if (input != null) {
            if (input.value().equals("-") && c.stdin() != null) {
                b.body(c.stdin().text(), TextMap.of(c.stdin().origin(script)));
            } else {
                b.bodyUnknown(input.valueLoc(script));
                sink.note(program + " api sends the body from " + input.value() + ", which Interlock cannot see");
            }
        } else if (graphql) {
            ObjectNode g = JsonNodeFactory.instance.objectNode();
            if (doc != null) {
                g.put("query", doc);
            }
            if (operationName != null) {
                g.put("operationName", operationName);
            }
            g.set("variables", vars);
            b.body(FieldBody.toJson(g), bodyLoc);
            b.header("Content-Type", "application/json", null);
            b.graphql(List.of(doc == null || unknown
                    ? GraphqlSource.unknown(bodyLoc, unknown ? "a field of the request comes from a file or a variable"
                    : "the request carries no 'query' field")
                    : new GraphqlSource(doc, docLoc, operationName, vars, null)));
            if (unknown) {
                b.bodyUnknown(bodyLoc);
            }
        } else if (!fieldsInQuery && !fields.isEmpty()) {
            b.body(FieldBody.toJson(body), bodyLoc);
            b.header("Content-Type", "application/json", null);
            if (unknown) {
                b.bodyUnknown(bodyLoc);
            }
        }
        sink.add(b.build());
    }
}
