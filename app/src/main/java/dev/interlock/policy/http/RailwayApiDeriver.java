package dev.interlock.policy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.shell.CommandSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code railway api [QUERY] [-f FILE] [--variables JSON|@PATH] [--var K=V] [--raw-var K=V] [--operation-name N]}
 * (railwayapp/cli src/commands/api.rs): a GraphQL request to {@code https://backboard.railway.com/graphql/v2}.
 * A document read from a file, or from stdin that is not a heredoc, is unknown: the Railway rules ask.
 * {@code railway api schema|search|describe} only read the schema and send no operation.
 */
public final class RailwayApiDeriver extends CommandHttpDeriver {
    static final String URL = "https://backboard.railway.com/graphql/v2";
    private static final Set<Character> SHORT_VALUE = Set.of('f');
    private static final Set<String> LONG_VALUE = Set.of("--file", "--variables", "--var", "--raw-var",
            "--operation-name");

    public RailwayApiDeriver() {
        super(Set.of("railway"));
    }

    @Override
    void derive(CommandSubject c, SubjectSink sink) {
        if (c.args().isEmpty() || !c.args().get(0).text().equals("api")) {
            return;
        }
        String script = c.script();
        List<ArgScanner.Item> items = ArgScanner.scan(c.args().subList(1, c.args().size()), SHORT_VALUE, LONG_VALUE);
        if (!items.isEmpty() && items.get(0).positional()
                && Set.of("schema", "search", "describe").contains(items.get(0).value())) {
            return;
        }
        String doc = null;
        TextMap docLoc = null;
        String problem = null;
        String operationName = null;
        ObjectNode vars = JsonNodeFactory.instance.objectNode();
        List<ArgScanner.Item> varItems = new ArrayList<>();
        for (ArgScanner.Item it : items) {
            String v = it.value();
            if (it.positional() && doc == null && problem == null) {
                doc = v;
                docLoc = it.valueLoc(script);
                if (it.dynamic()) {
                    problem = "the GraphQL document is built from a shell expansion";
                }
            } else if (it.is("-f", "--file") && v != null) {
                if (v.equals("-") && c.stdin() != null) {
                    doc = c.stdin().text();
                    docLoc = TextMap.of(c.stdin().origin(script));
                } else {
                    problem = "the GraphQL document is read from " + (v.equals("-") ? "stdin" : v)
                            + ", which Interlock cannot see";
                }
            } else if (it.is("--variables") && v != null) {
                varItems.add(it);
                if (v.startsWith("@")) {
                    problem = problem != null ? problem : "the variables are read from " + v.substring(1);
                } else {
                    JsonNode parsed = FieldBody.raw(v);
                    if (parsed.isObject()) {
                        parsed.properties().forEach(e -> vars.set(e.getKey(), e.getValue()));
                    }
                }
            } else if (it.is("--var", "--raw-var") && v != null) {
                varItems.add(it);
                int eq = v.indexOf('=');
                if (eq > 0) {
                    String key = v.substring(0, eq).trim();
                    String value = v.substring(eq + 1);
                    vars.set(key, it.is("--var") ? FieldBody.raw(value) : JsonNodeFactory.instance.textNode(value));
                }
            } else if (it.is("--operation-name") && v != null) {
                operationName = v;
            }
        }
        if (doc == null && problem == null) {
            if (c.stdin() != null) {
                doc = c.stdin().text();
                docLoc = TextMap.of(c.stdin().origin(script));
            } else if (c.pipedInput()) {
                problem = "the GraphQL document comes from a pipe, which Interlock cannot see";
            } else {
                return; // the CLI refuses to run without a document
            }
        }
        TextMap where = docLoc != null ? docLoc : TextMap.of(new dev.interlock.policy.TextOrigin("command",
                c.span().start(), c.span().end(), false, script));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (doc != null) {
            body.put("query", doc);
        }
        body.set("variables", vars);
        if (operationName != null) {
            body.put("operationName", operationName);
        }
        HttpSubject.Builder b = HttpSubject.builder("POST", Url.parse(URL, "https"), where.blurred())
                .via("railway api").whole(c.span())
                .header("Content-Type", "application/json", null)
                .body(FieldBody.toJson(body), where.blurred());
        if (problem != null) {
            sink.note("railway api: " + problem);
            b.bodyUnknown(where.blurred());
            b.graphql(List.of(GraphqlSource.unknown(where.blurred(), problem)));
        } else {
            b.graphql(List.of(new GraphqlSource(doc, docLoc, operationName, vars, null)));
        }
        sink.add(b.build());
    }
}
