package dev.interlock.policy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a request would run as GraphQL: the top-level fields of every mutation that may execute (after alias
 * resolution and fragment expansion), and the problems that keep Interlock from knowing.
 *
 * <p>Which operation runs: with {@code operationName} naming an operation of the document, only that one; with
 * no (or an unknown) {@code operationName}, every operation counts, so a document with several operations is
 * judged by all its mutations. Comments are not operations; an alias is not a name.
 *
 * @param present   true when the request carries something meant as GraphQL
 * @param mutations every top-level mutation field that may run
 * @param problems  why (part of) the request could not be read; non-empty means "fail closed"
 * @param unreadNames every GraphQL name that appears in the documents that could not be fully read, or
 *                  {@code null} when a document could not be seen at all (sent from a file, persisted, not
 *                  decodable): a field that runs must be spelled out in its document, since GraphQL names have
 *                  no escapes, so an unreadable document can still only run fields named in it
 */
public record GraphqlView(boolean present, List<MutationField> mutations, List<String> problems,
                          Set<String> unreadNames) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_FRAGMENT_DEPTH = 50;
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");

    public GraphqlView {
        mutations = List.copyOf(mutations);
        problems = List.copyOf(problems);
        unreadNames = unreadNames == null ? null : Set.copyOf(unreadNames);
    }

    /** True when a mutation whose name matches {@code name} might run in the part Interlock could not read. */
    public boolean unreadMayRun(java.util.function.Predicate<String> name) {
        return !problems.isEmpty() && (unreadNames == null || unreadNames.stream().anyMatch(name));
    }

    static GraphqlView of(List<GraphqlSource> sources) {
        List<MutationField> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> unread = new HashSet<>();
        boolean opaque = false;
        int i = 0;
        for (GraphqlSource s : sources) {
            int before = problems.size();
            read(s, sources.size() > 1 ? i : -1, out, problems);
            if (problems.size() > before) {
                if (s.document() == null) {
                    opaque = true;
                } else {
                    java.util.regex.Matcher m = NAME.matcher(s.document());
                    while (m.find()) {
                        unread.add(m.group());
                    }
                }
            }
            i++;
        }
        return new GraphqlView(!sources.isEmpty(), out, problems, opaque ? null : unread);
    }

    /** Reads the GraphQL entries of a request: {@code ?query=}, a JSON object or batch, a raw document, a form. */
    static GraphqlView read(HttpSubject s) {
        List<GraphqlSource> sources = new ArrayList<>();
        List<String> q = s.query().get("query");
        if (q != null) {
            String op = first(s.query().get("operationName"));
            JsonNode vars = parseVariables(first(s.query().get("variables")));
            // the query string is decoded text, so its spans cover the whole URL
            for (String doc : q) {
                sources.add(new GraphqlSource(doc, s.urlLoc().blurred(), op, vars, null));
            }
        }
        if (!s.bodyKnown()) {
            sources.add(GraphqlSource.unknown(s.bodyLoc(),
                    "the body is sent from a file or built from a variable"));
        } else if (!s.body().isBlank()) {
            fromBody(s, sources);
        }
        if (sources.isEmpty()) {
            return new GraphqlView(false, List.of(), List.of(), Set.of());
        }
        return of(sources);
    }

    private static void fromBody(HttpSubject s, List<GraphqlSource> sources) {
        String body = s.body();
        String ct = s.contentType();
        String t = body.trim();
        if (ct.equals("application/graphql")) {
            sources.add(new GraphqlSource(body, s.bodyLoc(), null, emptyVars(), null));
            return;
        }
        if (t.startsWith("{") || t.startsWith("[") || ct.endsWith("json")) {
            // JSON whatever the Content-Type says (curl -d sends JSON labelled as a form)
            fromJsonText(body, s.bodyLoc(), true, sources, s.bodyTruncated());
            return;
        }
        if (ct.equals("application/x-www-form-urlencoded") || ct.startsWith("multipart/")) {
            Map<String, List<String>> form = s.form();
            List<String> ops = form.get("operations");
            if (ops != null) {
                for (String o : ops) {
                    fromJsonText(o, s.bodyLoc().blurred(), false, sources, s.bodyTruncated());
                }
            }
            List<String> docs = form.get("query");
            if (docs != null) {
                JsonNode vars = parseVariables(first(form.get("variables")));
                for (String d : docs) {
                    sources.add(new GraphqlSource(d, s.bodyLoc().blurred(), first(form.get("operationName")), vars,
                            null));
                }
            }
            if (ops == null && docs == null) {
                sources.add(GraphqlSource.unknown(s.bodyLoc(), "the form body carries no GraphQL document"));
            }
            return;
        }
        if (t.startsWith("{") || t.startsWith("[") || ct.endsWith("json")) {
            fromJsonText(body, s.bodyLoc(), true, sources, s.bodyTruncated());
            return;
        }
        sources.add(new GraphqlSource(body, s.bodyLoc(), null, emptyVars(), null));
    }

    private static void fromJsonText(String text, TextMap loc, boolean locatable, List<GraphqlSource> sources,
                                     boolean truncated) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            root = null;
        }
        if (root == null) {
            sources.add(GraphqlSource.unknown(loc, truncated
                    ? "only the beginning of the request body was seen, so its GraphQL document cannot be read"
                    : "the request body is not valid JSON, so its GraphQL document cannot be read"));
            return;
        }
        Map<Integer, Integer> offsets = locatable ? JsonStrings.queryOffsets(text) : Map.of();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                sources.add(entry(root.get(i), i, text, loc, offsets));
            }
        } else {
            sources.add(entry(root, -1, text, loc, offsets));
        }
    }

    private static GraphqlSource entry(JsonNode n, int index, String text, TextMap loc, Map<Integer, Integer> offsets) {
        String where = index < 0 ? "the request" : "batch entry " + index;
        if (!n.isObject()) {
            return GraphqlSource.unknown(loc, where + " is not a GraphQL request object");
        }
        JsonNode q = n.get("query");
        if (q == null || q.isNull()) {
            boolean persisted = n.path("extensions").has("persistedQuery");
            return GraphqlSource.unknown(loc, persisted
                    ? where + " names a persisted query by hash, so its document cannot be seen"
                    : where + " carries no GraphQL document");
        }
        if (!q.isTextual()) {
            return GraphqlSource.unknown(loc, where + " has a 'query' that is not a string");
        }
        String doc = q.asText();
        TextMap docLoc = loc;
        Integer off = offsets.get(index);
        if (off != null) {
            try {
                int[] raw = JsonStrings.rawIndex(text, off, doc);
                if (raw != null) {
                    docLoc = TextMap.mapped(loc.base(), raw);
                }
            } catch (RuntimeException e) {
                docLoc = loc;
            }
        }
        JsonNode op = n.get("operationName");
        JsonNode vars = n.get("variables");
        if (vars != null && vars.isTextual()) {
            vars = parseVariables(vars.asText());
        }
        return new GraphqlSource(doc, docLoc, op != null && op.isTextual() ? op.asText() : null,
                vars != null && vars.isObject() ? vars : emptyVars(), null);
    }

    private static void read(GraphqlSource s, int entry, List<MutationField> out, List<String> problems) {
        if (s.document() == null) {
            problems.add(s.problem());
            return;
        }
        Document doc;
        try {
            doc = Parser.parse(s.document());
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            problems.add("cannot parse the GraphQL document" + (entry >= 0 ? " of batch entry " + entry : "")
                    + ": " + firstLine(msg));
            return;
        }
        List<OperationDefinition> ops = new ArrayList<>();
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (Definition<?> d : doc.getDefinitions()) {
            if (d instanceof OperationDefinition o) {
                ops.add(o);
            } else if (d instanceof FragmentDefinition f) {
                fragments.put(f.getName(), f);
            }
        }
        List<OperationDefinition> chosen = ops;
        if (s.operationName() != null) {
            List<OperationDefinition> named = ops.stream().filter(o -> s.operationName().equals(o.getName())).toList();
            if (!named.isEmpty()) {
                chosen = named;
            }
        }
        LineIndex lines = new LineIndex(s.document());
        for (OperationDefinition o : chosen) {
            if (o.getOperation() != OperationDefinition.Operation.MUTATION) {
                continue;
            }
            ObjectNode vars = effectiveVariables(o, s.variables());
            List<Field> fields = new ArrayList<>();
            collect(o.getSelectionSet(), fragments, new HashSet<>(), 0, fields, problems);
            for (Field f : fields) {
                int start = lines.offset(f.getSourceLocation());
                int nameAt = start < 0 ? -1 : s.document().indexOf(f.getName(), start);
                var span = nameAt < 0 ? s.loc().all() : s.loc().span(start, nameAt + f.getName().length());
                out.add(new MutationField(f.getName(), f.getAlias(), f, vars, span, entry, o.getName()));
            }
        }
    }

    private static void collect(SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> seen, int depth,
                                List<Field> out, List<String> problems) {
        if (set == null) {
            return;
        }
        if (depth > MAX_FRAGMENT_DEPTH) {
            problems.add("the GraphQL document nests fragments too deeply to analyse");
            return;
        }
        for (Selection<?> sel : set.getSelections()) {
            if (sel instanceof Field f) {
                out.add(f);
            } else if (sel instanceof InlineFragment inl) {
                collect(inl.getSelectionSet(), fragments, seen, depth + 1, out, problems);
            } else if (sel instanceof FragmentSpread spread) {
                FragmentDefinition def = fragments.get(spread.getName());
                if (def == null) {
                    problems.add("the GraphQL document uses fragment '" + spread.getName() + "' without defining it");
                } else if (seen.add(spread.getName())) {
                    collect(def.getSelectionSet(), fragments, seen, depth + 1, out, problems);
                    seen.remove(spread.getName());
                }
            }
        }
    }

    /** Declared defaults, overridden by the variables sent. */
    private static ObjectNode effectiveVariables(OperationDefinition o, JsonNode sent) {
        ObjectNode vars = JsonNodeFactory.instance.objectNode();
        for (VariableDefinition v : o.getVariableDefinitions()) {
            if (v.getDefaultValue() != null) {
                vars.set(v.getName(), GraphqlValues.toJson(v.getDefaultValue(), null));
            }
        }
        if (sent != null && sent.isObject()) {
            sent.properties().forEach(e -> vars.set(e.getKey(), e.getValue()));
        }
        return vars;
    }

    private static JsonNode parseVariables(String text) {
        if (text == null || text.isBlank()) {
            return emptyVars();
        }
        try {
            JsonNode n = JSON.readTree(text);
            return n != null && n.isObject() ? n : emptyVars();
        } catch (Exception e) {
            return emptyVars();
        }
    }

    private static ObjectNode emptyVars() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Turns graphql-java's 1-based line/column into an offset. */
    private static final class LineIndex {
        private final List<Integer> starts = new ArrayList<>();

        LineIndex(String text) {
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                    starts.add(i + 1);
                }
            }
        }

        int offset(SourceLocation loc) {
            if (loc == null || loc.getLine() < 1 || loc.getLine() > starts.size()) {
                return -1;
            }
            return starts.get(loc.getLine() - 1) + Math.max(0, loc.getColumn() - 1);
        }
    }
}
