package dev.interlock.policy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.policy.Deriver;
import dev.interlock.policy.Policies;
import dev.interlock.policy.Subject;
import dev.interlock.policy.SubjectSink;
import dev.interlock.action.ShellCommand;
import dev.interlock.policy.shell.ShellAnalyzer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every HTTP client in a command line becomes the request it would send. */
class DeriversTest {

    /** The HTTP requests the real shell analyser and derivers find in a command line. */
    static List<HttpSubject> requests(String script) {
        List<HttpSubject> out = new ArrayList<>();
        Deque<Subject> todo = new ArrayDeque<>();
        SubjectSink sink = new SubjectSink() {
            @Override
            public void add(Subject subject) {
                todo.add(subject);
                if (subject instanceof HttpSubject h) {
                    out.add(h);
                }
            }

            @Override
            public void note(String step) {
            }
        };
        new ShellAnalyzer().analyze(new ShellCommand(script, "/home/dev/project"), sink);
        while (!todo.isEmpty()) {
            Subject s = todo.poll();
            for (Deriver d : Policies.derivers()) {
                if (d.subjectType().equals(s.type())) {
                    d.derive(s, sink);
                }
            }
        }
        return out;
    }

    static HttpSubject one(String script) {
        List<HttpSubject> r = requests(script);
        assertEquals(1, r.size(), () -> script + " -> " + r.stream().map(HttpSubject::describe).toList());
        return r.get(0);
    }

    @Test
    void curlMethodsAndDefaults() {
        assertEquals("GET", one("curl https://api.github.com/user").method());
        assertEquals("POST", one("curl -d a=1 https://x.io/p").method());
        assertEquals("DELETE", one("curl -X DELETE https://x.io/p").method());
        assertEquals("DELETE", one("curl -sSfXDELETE https://x.io/p").method());
        assertEquals("PATCH", one("curl --request patch https://x.io/p").method());
        assertEquals("HEAD", one("curl -I https://x.io/p").method());
        assertEquals("PUT", one("curl -T f.txt https://x.io/p").method());
        assertEquals("POST", one("curl -F name=v https://x.io/p").method());
        HttpSubject g = one("curl -G -d q=1 --data-urlencode 'name=a b' https://x.io/p");
        assertEquals("GET", g.method());
        assertEquals(List.of("a b"), g.query().get("name"));
        assertEquals("x.io", one("curl x.io/p").host());
        assertEquals("http", one("curl x.io/p").url().scheme());
        assertEquals("x.io", one("curl --url https://x.io/p -o out.json").host());
    }

    @Test
    void curlHeadersBodiesAndFormFields() {
        HttpSubject s = one("curl -H 'X-Amz-Target: DynamoDB_20120810.DeleteTable' -H 'Content-Type: application/x-amz-json-1.0' "
                + "--data-binary '{\"TableName\":\"users\"}' https://dynamodb.us-east-1.amazonaws.com/");
        assertEquals(List.of("DynamoDB_20120810.DeleteTable"), s.header("x-amz-target"));
        assertEquals("users", s.json().orElseThrow().get("TableName").asText());
        HttpSubject f = one("curl -d Action=DeleteDBInstance -d DBInstanceIdentifier=prod https://rds.amazonaws.com/");
        assertEquals(List.of("DeleteDBInstance"), f.form().get("Action"));
        assertEquals("application/x-www-form-urlencoded", f.contentType());
        HttpSubject j = one("curl --json '{\"force\":true}' https://x.io/p");
        assertEquals("application/json", j.contentType());
        assertEquals("POST", j.method());
        HttpSubject u = one("curl -u admin:s3cret -A agent/1 https://x.io/p");
        assertEquals(List.of("Basic YWRtaW46czNjcmV0"), u.header("authorization"));
        assertEquals(List.of("agent/1"), u.header("user-agent"));
        HttpSubject m = one("curl -F file=@dump.sql -F name=prod https://x.io/upload");
        assertEquals(List.of("prod"), m.form().get("name"));
        assertFalse(m.bodyKnown());
    }

    @Test
    void curlBodiesItCannotSeeAreUnknown() {
        assertFalse(one("curl -d @body.json https://x.io/p").bodyKnown());
        assertFalse(one("curl --data-urlencode name@file https://x.io/p").bodyKnown());
        assertFalse(one("curl -d \"$PAYLOAD\" https://x.io/p").bodyKnown());
        assertTrue(one("curl --data-raw @literal https://x.io/p").bodyKnown());
        assertFalse(one("curl --variable %BODY@body.json --expand-data '{{BODY}}' https://x.io/p").bodyKnown());
        assertEquals("PUT", one("curl --expand-request PUT https://x.io/p").method());
    }

    @Test
    void curlGlobsAndSeveralUrlsAreEveryRequest() {
        List<HttpSubject> r = requests("curl https://backboard.railway.{app,com}/graphql/v2 https://x.io");
        assertEquals(List.of("backboard.railway.app", "backboard.railway.com", "x.io"),
                r.stream().map(HttpSubject::host).toList());
    }

    @Test
    void curlGlobsAreBounded() {
        String many = "https://x.io/" + "{a,b}".repeat(40);
        assertEquals(Globs.MAX, Globs.expand(many).size());
        String placeholders = "https://x.io/" + "{p}".repeat(100_000);
        assertEquals(List.of(placeholders), Globs.expand(placeholders));
    }

    @Test
    void curlSpansPointAtTheWords() {
        String cmd = "curl -X DELETE https://api.github.com/repos/acme/app";
        HttpSubject s = one(cmd);
        assertEquals("https://api.github.com/repos/acme/app", s.urlLoc().all().text());
        assertEquals("command", s.urlLoc().all().field());
    }

    @Test
    void wget() {
        HttpSubject s = one("wget --method=DELETE --header='Authorization: token x' https://api.github.com/repos/a/b");
        assertEquals("DELETE", s.method());
        assertEquals(List.of("token x"), s.header("authorization"));
        HttpSubject p = one("wget -q -O- --post-data 'Action=TerminateInstances' https://ec2.amazonaws.com/");
        assertEquals("POST", p.method());
        assertEquals(List.of("TerminateInstances"), p.form().get("Action"));
        assertFalse(one("wget --post-file=body.json https://x.io/").bodyKnown());
    }

    @Test
    void httpieAndXh() {
        HttpSubject s = one("http DELETE https://api.github.com/repos/a/b Authorization:'token x'");
        assertEquals("DELETE", s.method());
        assertEquals(List.of("token x"), s.header("authorization"));
        HttpSubject j = one("https PATCH api.github.com/repos/a/b/git/refs/heads/main sha=abc force:=true");
        assertEquals("https", j.url().scheme());
        assertEquals("PATCH", j.method());
        assertTrue(j.json().orElseThrow().get("force").asBoolean());
        assertEquals("abc", j.json().orElseThrow().get("sha").asText());
        HttpSubject q = one("xh example.com/search q==hello per_page==5");
        assertEquals("GET", q.method());
        assertEquals(List.of("hello"), q.query().get("q"));
        HttpSubject post = one("xh example.com/items name=x");
        assertEquals("POST", post.method());
        HttpSubject f = one("http -f POST example.com/form Action=DeleteUser");
        assertEquals(List.of("DeleteUser"), f.form().get("Action"));
        assertFalse(one("http POST example.com/up file@dump.sql").bodyKnown());
        assertEquals("localhost", one("http :3000/health").host());
        assertEquals("https", one("xhs example.com").url().scheme());
    }

    @Test
    void ghApi() {
        HttpSubject del = one("gh api -X DELETE repos/acme/app");
        assertEquals("api.github.com", del.host());
        assertEquals("/repos/acme/app", del.path());
        HttpSubject post = one("gh api repos/acme/app/releases -f tag_name=v1 -F draft=true");
        assertEquals("POST", post.method());
        assertTrue(post.json().orElseThrow().get("draft").isBoolean());
        HttpSubject get = one("gh api repos/acme/app/issues -X GET -f state=open");
        assertEquals(List.of("open"), get.query().get("state"));
        HttpSubject ref = one("gh api --method PATCH /repos/{owner}/{repo}/git/refs/heads/main -f sha=abc -F force=true");
        assertEquals("/repos/{owner}/{repo}/git/refs/heads/main", ref.path());
        assertEquals("true", ref.json().orElseThrow().get("force").asText());
        HttpSubject gql = one("gh api graphql -f query='mutation($id: ID!) { deleteRef(input: {refId: $id}) { clientMutationId } }' -f id=REF");
        assertEquals("/graphql", gql.path());
        assertEquals("deleteRef", gql.graphql().mutations().get(0).name());
        assertEquals("REF", gql.graphql().mutations().get(0).variables().get("id").asText());
        assertFalse(one("gh api repos/a/b/hooks --input hook.json").bodyKnown());
        assertEquals("ghe.acme.io", one("gh api --hostname ghe.acme.io repos/a/b").host());
        assertEquals("/api/v3/repos/a/b", one("gh api --hostname ghe.acme.io repos/a/b").path());
        assertTrue(requests("gh repo view acme/app").isEmpty());
    }

    @Test
    void glabApi() {
        HttpSubject s = one("glab api -X DELETE projects/42");
        assertEquals("gitlab.com", s.host());
        assertEquals("/api/v4/projects/42", s.path());
        HttpSubject g = one("glab api graphql -f query='mutation { projectDelete(input: {fullPath: \"a/b\"}) { errors } }'");
        assertEquals("/api/graphql", g.path());
        assertEquals("projectDelete", g.graphql().mutations().get(0).name());
    }

    @Test
    void railwayApi() {
        HttpSubject s = one("railway api 'mutation($id: String!) { volumeDelete(volumeId: $id) }' --var id=3f6c");
        assertEquals("backboard.railway.com", s.host());
        assertEquals("/graphql/v2", s.path());
        MutationField f = s.graphql().mutations().get(0);
        assertEquals("volumeDelete", f.name());
        assertEquals("3f6c", f.argument("volumeId").text());
        HttpSubject file = one("railway api --file wipe.graphql");
        assertFalse(file.graphql().problems().isEmpty());
        assertTrue(requests("railway api schema").isEmpty());
        assertTrue(requests("railway api search volume --kind mutation").isEmpty());
        HttpSubject named = one("railway api --operation-name Q 'query Q { me { id } } mutation M { volumeDelete(volumeId: \"v\") }'");
        assertTrue(named.graphql().mutations().isEmpty());
    }

    @Test
    void azRest() {
        HttpSubject del = one("az rest --method delete --url https://management.azure.com/subscriptions/0000/resourceGroups/prod-rg?api-version=2021-04-01");
        assertEquals("DELETE", del.method());
        assertEquals("management.azure.com", del.host());
        assertEquals("/subscriptions/0000/resourceGroups/prod-rg", del.path());
        assertEquals(List.of("2021-04-01"), del.query().get("api-version"));
        // a URL without a host is an ARM resource ID; -m/-u, upper or lower case, attached values
        HttpSubject rel = one("az rest -m DELETE -u /subscriptions/{subscriptionId}/resourceGroups/rg/providers/Microsoft.Web/sites/api?api-version=2022-03-01");
        assertEquals("DELETE", rel.method());
        assertEquals("management.azure.com", rel.host());
        assertEquals("/subscriptions/{subscriptionId}/resourceGroups/rg/providers/Microsoft.Web/sites/api", rel.path());
        assertEquals("DELETE", one("az rest --uri=/subscriptions/0/resourceGroups/rg --method=Delete").method());
        assertEquals("DELETE", one("az rest -mdelete --uri /subscriptions/0/resourceGroups/rg").method());
        assertEquals("GET", one("az rest --url https://graph.microsoft.com/v1.0/me").method());
        assertEquals("graph.microsoft.com", one("az --subscription prod rest --url https://graph.microsoft.com/v1.0/me -o json").host());
        // body, headers (KEY=VALUE or JSON, several words), query parameters
        HttpSubject put = one("az rest --method put --url /subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/ip1"
                + " --body '{\"location\": \"westeurope\"}' --headers If-Match=* '{\"x-ms-test\": \"1\"}'"
                + " --uri-parameters api-version=2023-04-01 force=true --resource https://management.core.windows.net/");
        assertEquals("PUT", put.method());
        assertEquals("westeurope", put.json().orElseThrow().get("location").asText());
        assertEquals(List.of("application/json"), put.header("content-type"));
        assertEquals(List.of("*"), put.header("if-match"));
        assertEquals(List.of("1"), put.header("x-ms-test"));
        assertEquals(List.of("2023-04-01"), put.query().get("api-version"));
        assertEquals(List.of("true"), put.query().get("force"));
        assertEquals("b=1", one("az rest -m post -u https://x.io/a -b b=1").body());
        // a body, headers or parameters read from a file are unknown
        assertFalse(one("az rest -m post -u /subscriptions/0/providers/x --body @body.json").bodyKnown());
        assertFalse(one("az rest -m post -u /subscriptions/0/providers/x -b \"$BODY\"").bodyKnown());
        assertTrue(requests("az group delete -n rg").isEmpty());
        assertTrue(requests("az rest").isEmpty());
    }

    @Test
    void stripeCliRequests() {
        HttpSubject del = one("stripe delete /v1/customers/cus_123 --confirm");
        assertEquals("DELETE", del.method());
        assertEquals("api.stripe.com", del.host());
        assertEquals("/v1/customers/cus_123", del.path());
        assertEquals(List.of("Bearer rk_test_(the Stripe CLI's test-mode key)"), del.header("authorization"));
        // paths are normalised like the CLI does; an object ID alone names its object
        assertEquals("/v1/customers/cus_123", one("stripe delete customers/cus_123").path());
        assertEquals("/v1/customers/cus_123", one("stripe delete v1/customers/cus_123").path());
        assertEquals("/v1/customers/cus_123", one("stripe delete cus_123 -c").path());
        assertEquals("/v1/webhook_endpoints/we_1Mr5jU", one("stripe delete we_1Mr5jU").path());
        // live mode: --live, or a live key given with --api-key or STRIPE_API_KEY
        assertTrue(one("stripe delete /v1/customers/cus_123 --live").header("authorization").get(0).startsWith("Bearer rk_live_"));
        assertEquals(List.of("Bearer sk_live_51H"), one("stripe --api-key sk_live_51H delete /v1/customers/cus_123").header("authorization"));
        assertEquals(List.of("Bearer sk_live_51H"), one("STRIPE_API_KEY=sk_live_51H stripe delete /v1/customers/cus_123").header("authorization"));
        assertTrue(one("stripe delete /v1/customers/cus_123 --api-key \"$KEY\"").header("authorization").isEmpty());
        // POST data is a form body; GET and DELETE data go to the query string
        HttpSubject post = one("stripe post /v1/refunds -d charge=ch_3MmlLr -d 'metadata[reason]=agent' -e charge --live");
        assertEquals("POST", post.method());
        assertEquals("application/x-www-form-urlencoded", post.contentType());
        assertEquals(List.of("ch_3MmlLr"), post.form().get("charge"));
        assertEquals(List.of("agent"), post.form().get("metadata[reason]"));
        assertEquals(List.of("charge"), post.form().get("expand[]"));
        HttpSubject get = one("stripe get /v1/customers --limit 3 -d email=a@b.c --stripe-account acct_1");
        assertEquals("GET", get.method());
        assertEquals(List.of("3"), get.query().get("limit"));
        assertEquals(List.of("a@b.c"), get.query().get("email"));
        assertEquals(List.of("acct_1"), get.header("stripe-account"));
        assertFalse(one("stripe post /v1/customers -d \"email=$EMAIL\"").bodyKnown());
        assertTrue(requests("stripe customers delete cus_123").isEmpty());
        assertTrue(requests("stripe delete").isEmpty());
        assertTrue(requests("stripe listen --forward-to localhost:3000").isEmpty());
    }

    @Test
    void otherProgramsAreNotRequests() {
        assertTrue(requests("rm -rf build").isEmpty());
        assertTrue(requests("curl").isEmpty());
        assertEquals(Map.of(), Map.of());
    }
}
