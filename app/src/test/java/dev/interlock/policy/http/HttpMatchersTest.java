package dev.interlock.policy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.HttpCall;
import dev.interlock.action.ShellCommand;
import dev.interlock.policy.Decision;
import dev.interlock.policy.PackException;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.Span;
import dev.interlock.policy.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The http: and graphql: matchers against the README spec, through a real engine and inline packs. */
class HttpMatchersTest {

    private static String pack(String when, String match, String noMatch) {
        return """
                pack: test
                rules:
                  - id: r
                    severity: high
                    verdict: ask
                    explain: test rule
                    when:
                      - %s
                    examples:
                      match:
                        - %s
                        - %s
                      no_match:
                        - %s
                """.formatted(when, match, match, noMatch);
    }

    private static PolicyEngine engine(String when) throws PackException {
        return Engines.of(pack(when, "\"true\"", "\"true\""));
    }

    private static Verdict http(PolicyEngine e, String method, String url, Map<String, List<String>> headers, String body) {
        return e.evaluate(new HttpCall(method, url, headers, body)).verdict();
    }

    @Test
    void wildcardHostsAreIndexedAndMatchAnySubdomainButNotTheDomain() throws Exception {
        PolicyEngine e = engine("http: {hosts: [\"*.supabase.co\"], methods: [POST], path: \"/pg/query\"}");
        assertEquals(Verdict.ASK, http(e, "POST", "https://abc.supabase.co/pg/query", Map.of(), "x"));
        assertEquals(Verdict.ASK, http(e, "POST", "https://a.b.supabase.co/pg/query/", Map.of(), "x"));
        assertEquals(Verdict.ALLOW, http(e, "POST", "https://supabase.co/pg/query", Map.of(), "x"));
        assertEquals(Verdict.ALLOW, http(e, "GET", "https://abc.supabase.co/pg/query", Map.of(), ""));
        assertEquals(Verdict.ALLOW, http(e, "POST", "https://abc.supabase.co.evil.io/pg/query", Map.of(), "x"));
        HttpSubject s = HttpSubject.fromCall(new HttpCall("GET", "https://abc.supabase.co/", Map.of(), ""));
        assertEquals(1, e.candidates(s).size());
    }

    @Test
    void pathTemplatesQueryHeadersFormAndJson() throws Exception {
        PolicyEngine tpl = engine("http: {hosts: [api.github.com], methods: [DELETE], path: \"/repos/{owner}/{repo}\", target: \"path:{owner}/{repo}\"}");
        Decision d = tpl.evaluate(new HttpCall("DELETE", "https://api.github.com/repos/acme/app", Map.of(), ""));
        assertEquals("acme/app", d.target().orElseThrow());
        assertEquals(Verdict.ALLOW, http(tpl, "DELETE", "https://api.github.com/repos/acme/app/issues/1", Map.of(), ""));
        assertEquals(Verdict.ASK, http(tpl, "DELETE", "https://api.github.com/REPOS/acme/app", Map.of(), ""));
        assertEquals(Verdict.ASK, http(tpl, "DELETE", "https://api.github.com/repos/acme/x/../app", Map.of(), ""));
        assertEquals(Verdict.ASK, http(tpl, "POST", "https://api.github.com/repos/acme/app",
                Map.of("X-HTTP-Method-Override", List.of("delete")), ""));

        PolicyEngine q = engine("http: {hosts: [ec2.amazonaws.com], form: {Action: \"TerminateInstances\"}}");
        assertEquals(Verdict.ASK, http(q, "GET", "https://ec2.amazonaws.com/?Action=TerminateInstances&InstanceId.1=i-1", Map.of(), ""));
        assertEquals(Verdict.ASK, http(q, "POST", "https://ec2.amazonaws.com/",
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded")), "Action=TerminateInstances"));
        assertEquals(Verdict.ALLOW, http(q, "POST", "https://ec2.amazonaws.com/", Map.of(), "Action=DescribeInstances"));

        PolicyEngine h = engine("http: {hosts: [\"dynamodb.*.amazonaws.com\"], headers: {X-Amz-Target: \"DynamoDB_\\\\d+\\\\.DeleteTable\"}}");
        assertEquals(Verdict.ASK, http(h, "POST", "https://dynamodb.us-east-1.amazonaws.com/",
                Map.of("x-amz-target", List.of("DynamoDB_20120810.DeleteTable")), "{}"));
        assertEquals(Verdict.ALLOW, http(h, "POST", "https://dynamodb.us-east-1.amazonaws.com/",
                Map.of("x-amz-target", List.of("DynamoDB_20120810.DescribeTable")), "{}"));
        assertEquals(Verdict.ALLOW, http(h, "POST", "https://dynamodb.a.b.amazonaws.com/",
                Map.of("x-amz-target", List.of("DynamoDB_20120810.DeleteTable")), "{}"));

        PolicyEngine j = engine("http: {hosts: [api.x.io], json: {\"items.*.op\": \"delete\", force: \"true\"}, target: \"json:items.0.id\"}");
        Decision jd = j.evaluate(new HttpCall("POST", "https://api.x.io/batch", Map.of(),
                "{\"force\":true,\"items\":[{\"id\":\"a\",\"op\":\"get\"},{\"id\":\"b\",\"op\":\"delete\"}]}"));
        assertEquals(Verdict.ASK, jd.verdict());
        assertEquals("a", jd.target().orElseThrow());
        assertEquals(Verdict.ALLOW, http(j, "POST", "https://api.x.io/batch", Map.of(), "{\"force\":false,\"items\":[{\"op\":\"delete\"}]}"));
        assertEquals(Verdict.ALLOW, http(j, "POST", "https://api.x.io/batch", Map.of(), "not json"));
    }

    @Test
    void aBodyInterlockCannotSeeMeetsBodyConditions() throws Exception {
        PolicyEngine e = engine("http: {hosts: [api.x.io], methods: [POST], json: {force: \"true\"}}");
        assertEquals(Verdict.ASK, e.evaluate(new ShellCommand("curl -X POST https://api.x.io/r -d @body.json", "/tmp")).verdict());
        assertEquals(Verdict.ASK, e.evaluate(new ShellCommand("curl https://api.x.io/r -d \"$BODY\"", "/tmp")).verdict());
        assertEquals(Verdict.ALLOW, e.evaluate(new ShellCommand("curl https://api.x.io/r -d '{\"force\":false}'", "/tmp")).verdict());
        assertEquals(Verdict.ALLOW, e.evaluate(new ShellCommand("curl https://other.io/r -d @body.json", "/tmp")).verdict());
    }

    @Test
    void sqlCarriedInAJsonBody() throws Exception {
        PolicyEngine e = engine("http: {hosts: [\"*.supabase.co\"], methods: [POST], path: \"/pg/query\", sql_from: \"json:query\", sql: {kinds: [drop, truncate]}}");
        assertEquals(Verdict.ASK, http(e, "POST", "https://ref.supabase.co/pg/query", Map.of(), "{\"query\":\"DROP TABLE bookings\"}"));
        assertEquals(Verdict.ALLOW, http(e, "POST", "https://ref.supabase.co/pg/query", Map.of(), "{\"query\":\"SELECT * FROM bookings\"}"));
        assertEquals(Verdict.ASK, e.evaluate(new ShellCommand(
                "curl -X POST https://ref.supabase.co/pg/query --json '{\"query\":\"truncate bookings\"}'", "/tmp")).verdict());
    }

    private static final String SQL_OVER_HTTP = "http: {hosts: [\"*.supabase.co\"], methods: [POST], path: \"/pg/query\", "
            + "sql_from: \"%s\", sql: {kinds: [drop, truncate]}}";

    @Test
    void theSpanOfCarriedSqlIsTheStatementInsideTheBody() throws Exception {
        PolicyEngine e = engine(SQL_OVER_HTTP.formatted("json:query"));
        String body = "{\"query\":\"SELECT 1; DROP TABLE bookings; SELECT 2\"}";
        Span span = primarySpan(e.evaluate(new HttpCall("POST", "https://ref.supabase.co/pg/query", Map.of(), body)));
        assertEquals("body", span.field());
        assertEquals("DROP TABLE bookings", span.text());
        assertEquals(body.indexOf("DROP"), span.start());

        // JSON escapes inside the statement: the span still covers it as written in the body
        String escaped = "{\"comment\":\"DROP TABLE decoy\",\"query\":\"select 1;\\nDROP TABLE \\\"Bookings\\\"\"}";
        span = primarySpan(e.evaluate(new HttpCall("POST", "https://ref.supabase.co/pg/query", Map.of(), escaped)));
        assertEquals("DROP TABLE \\\"Bookings\\\"", span.text());
        assertEquals(escaped.indexOf("DROP TABLE \\"), span.start());

        // the same request as curl: the span is the statement inside the shell command
        String cmd = "curl -X POST https://ref.supabase.co/pg/query --json '{\"query\":\"select 1; truncate bookings\"}'";
        span = primarySpan(e.evaluate(new ShellCommand(cmd, "/tmp")));
        assertEquals("command", span.field());
        assertEquals("truncate bookings", span.text());
        assertEquals(cmd.indexOf("truncate"), span.start());
    }

    @Test
    void theSpanOfCarriedSqlFollowsWildcardPathsFormsAndRawBodies() throws Exception {
        String body = "{\"queries\":[{\"query\":\"select 1\"},{\"query\":\"drop table x\"}]}";
        Span span = primarySpan(engine(SQL_OVER_HTTP.formatted("json:queries.*.query")).evaluate(
                new HttpCall("POST", "https://ref.supabase.co/pg/query", Map.of(), body)));
        assertEquals("drop table x", span.text());
        assertEquals(body.indexOf("drop"), span.start());

        String form = "db=main&sql=select+1%3B+drop+table+x";
        span = primarySpan(engine(SQL_OVER_HTTP.formatted("form:sql")).evaluate(new HttpCall("POST",
                "https://ref.supabase.co/pg/query", Map.of("Content-Type", List.of("application/x-www-form-urlencoded")), form)));
        assertEquals("drop+table+x", span.text());

        String raw = "select 1;\n  TRUNCATE audit_log;\n";
        span = primarySpan(engine(SQL_OVER_HTTP.formatted("body")).evaluate(
                new HttpCall("POST", "https://ref.supabase.co/pg/query", Map.of(), raw)));
        assertEquals("TRUNCATE audit_log", span.text());
    }

    @Test
    void aPathTargetMayNameTheRestOfThePath() throws Exception {
        PolicyEngine e = engine("http: {hosts: [api.x.io], methods: [DELETE], path: \"/v1/{object*}\", target: \"path:{object*}\"}");
        Decision d = e.evaluate(new HttpCall("DELETE", "https://api.x.io/v1/customers/cus_1", Map.of(), ""));
        assertEquals("customers/cus_1", d.target().orElseThrow(), d::summary);
    }

    private static Span primarySpan(Decision d) {
        assertEquals(Verdict.ASK, d.verdict(), d::summary);
        return d.primary().orElseThrow().span();
    }

    @Test
    void graphqlArgumentsAndTargets() throws Exception {
        PolicyEngine e = engine("graphql: {hosts: [gql.x.io], path: /graphql, mutations: [\"*Delete\"], arguments: {input.hard: \"true\"}, target: input.id}");
        Decision d = e.evaluate(new HttpCall("POST", "https://gql.x.io/graphql", Map.of(),
                "{\"query\":\"mutation($i: ItemDeleteInput!) { itemDelete(input: $i) }\",\"variables\":{\"i\":{\"id\":\"it-9\",\"hard\":true}}}"));
        assertEquals(Verdict.ASK, d.verdict(), d::summary);
        assertEquals("it-9", d.target().orElseThrow());
        assertEquals(Verdict.ALLOW, http(e, "POST", "https://gql.x.io/graphql", Map.of(),
                "{\"query\":\"mutation { itemDelete(input: {id: \\\"a\\\", hard: false}) }\"}"));
        assertEquals(Verdict.ALLOW, http(e, "POST", "https://gql.x.io/graphql", Map.of(),
                "{\"query\":\"mutation { itemDelete(input: {id: \\\"a\\\"}) }\"}"));
        // a variable that was not sent may hold anything: the condition counts as met
        assertEquals(Verdict.ASK, http(e, "POST", "https://gql.x.io/graphql", Map.of(),
                "{\"query\":\"mutation($h: Boolean) { itemDelete(input: {id: \\\"a\\\", hard: $h}) }\"}"));
        // another path on the same host is not GraphQL
        assertEquals(Verdict.ALLOW, http(e, "POST", "https://gql.x.io/upload", Map.of(), "{\"not\":\"graphql\"}"));
        // a raw application/graphql body
        assertEquals(Verdict.ASK, http(e, "POST", "https://gql.x.io/graphql",
                Map.of("Content-Type", List.of("application/graphql")), "mutation { itemDelete(input: {id: \"a\", hard: true}) }"));
    }

    @Test
    void badSpecsFailToLoadWithFileLineAndRule() {
        PackException host = assertThrows(PackException.class, () -> engine("http: {hosts: [\"bad host\"]}"));
        assertTrue(host.getMessage().startsWith("test.yaml:8: rule 'r': bad host 'bad host'"), host.getMessage());
        PackException tld = assertThrows(PackException.class, () -> engine("http: {hosts: [\"example.*\"]}"));
        assertTrue(tld.getMessage().contains("top-level domain"), tld.getMessage());
        PackException key = assertThrows(PackException.class, () -> engine("http: {hosts: [a.io], methds: [GET]}"));
        assertTrue(key.getMessage().contains("unknown key 'methds'"), key.getMessage());
        PackException method = assertThrows(PackException.class, () -> engine("http: {hosts: [a.io], methods: [FETCH]}"));
        assertTrue(method.getMessage().contains("unknown HTTP method 'FETCH'"), method.getMessage());
        PackException regex = assertThrows(PackException.class, () -> engine("http: {hosts: [a.io], body: \"(\"}"));
        assertTrue(regex.getMessage().contains("bad regex"), regex.getMessage());
        PackException tpl = assertThrows(PackException.class, () -> engine("http: {hosts: [a.io], path: \"repos/{x}\"}"));
        assertTrue(tpl.getMessage().contains("must start with /"), tpl.getMessage());
        PackException both = assertThrows(PackException.class, () -> engine("http: {hosts: [a.io], path: /a, path_regex: a}"));
        assertTrue(both.getMessage().contains("either 'path' or 'path_regex'"), both.getMessage());
        PackException sql = assertThrows(PackException.class, () -> engine("http: {hosts: [a.io], sql_from: body}"));
        assertTrue(sql.getMessage().contains("go together"), sql.getMessage());
        PackException gqlName = assertThrows(PackException.class, () -> engine("graphql: {hosts: [a.io], mutations: [\"volume-delete\"]}"));
        assertTrue(gqlName.getMessage().contains("is not a GraphQL field name"), gqlName.getMessage());
        PackException gqlMissing = assertThrows(PackException.class, () -> engine("graphql: {hosts: [a.io]}"));
        assertTrue(gqlMissing.getMessage().contains("missing required key 'mutations'"), gqlMissing.getMessage());
    }
}
