package dev.interlock.proxy;

import dev.interlock.action.Action;
import dev.interlock.action.HttpCall;
import dev.interlock.policy.Analyzer;
import dev.interlock.policy.Hit;
import dev.interlock.policy.Matcher;
import dev.interlock.policy.MatcherFactories;
import dev.interlock.policy.MatcherFactory;
import dev.interlock.policy.Pack;
import dev.interlock.policy.PackException;
import dev.interlock.policy.PackLoader;
import dev.interlock.policy.Policies;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.policy.Span;
import dev.interlock.policy.Subject;
import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.YNode;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small real policy for the proxy's mechanics tests: a test pack loaded by the real loader and evaluated by the
 * real engine, with a deliberately simple {@code test_http} matcher (host + body regex). The real HTTP/GraphQL
 * matcher and Railway pack are exercised by the incident tests.
 */
final class TestPolicy {
    static final String PACK = """
            pack: testrail
            title: Test Railway
            inspect_hosts: [backboard.railway.app, backboard.railway.com]
            rules:
              - id: volume-delete
                severity: critical
                verdict: ask
                explain: Deletes a Railway volume (test rule).
                when:
                  - test_http: {hosts: [backboard.railway.app, backboard.railway.com], body: "volumeDelete"}
                examples:
                  match:
                    - http: {method: POST, url: "https://backboard.railway.app/graphql/v2", body: {query: "mutation { volumeDelete(volumeId: \\"v\\") }"}}
                    - http: {method: POST, url: "https://backboard.railway.com/graphql/v2", body: {query: "mutation { x: volumeDelete(volumeId: \\"v\\") }"}}
                  no_match:
                    - http: {method: POST, url: "https://backboard.railway.app/graphql/v2", body: {query: "query { me { id } }"}}
              - id: project-delete
                severity: critical
                verdict: deny
                explain: Deletes a Railway project (test rule, always denied).
                when:
                  - test_http: {hosts: [backboard.railway.app], body: "projectDelete"}
                examples:
                  match:
                    - http: {method: POST, url: "https://backboard.railway.app/graphql/v2", body: {query: "mutation { projectDelete(id: \\"p\\") }"}}
                    - http: {method: POST, url: "https://backboard.railway.app/graphql/v2", body: {query: "mutation { a: projectDelete(id: \\"p\\") }"}}
                  no_match:
                    - http: {method: POST, url: "https://backboard.railway.app/graphql/v2", body: {query: "query { projects { id } }"}}
            """;

    private TestPolicy() {
    }

    static PolicyEngine engine() throws PackException {
        MatcherFactories m = Policies.matchers().register(new TestHttpFactory());
        Pack p = new PackLoader(m, Policies.sections()).load(new StringReader(PACK), "testrail.yaml", "testrail");
        List<Analyzer> analyzers = new ArrayList<>(Policies.analyzers());
        analyzers.add(new TestHttpAnalyzer());
        return new PolicyEngine(List.of(p), analyzers, Policies.derivers(), Set.of());
    }

    record TestHttpSubject(String host, HttpCall call) implements Subject {
        @Override
        public String type() {
            return "test_http";
        }

        @Override
        public List<String> indexKeys() {
            return List.of(host);
        }

        @Override
        public String describe() {
            return "test http " + call.summary();
        }
    }

    static final class TestHttpAnalyzer implements Analyzer {
        @Override
        public boolean accepts(Action action) {
            return action instanceof HttpCall;
        }

        @Override
        public void analyze(Action action, SubjectSink sink) {
            HttpCall c = (HttpCall) action;
            sink.add(new TestHttpSubject(URI.create(c.url()).getHost(), c));
        }
    }

    static final class TestHttpFactory implements MatcherFactory {
        @Override
        public String key() {
            return "test_http";
        }

        @Override
        public Matcher create(YNode spec, MatcherFactories all) throws PackException {
            spec.allowOnly("hosts", "body");
            Set<String> hosts = Set.copyOf(spec.strings("hosts"));
            Pattern body = Pattern.compile(spec.require("body").string());
            return new Matcher() {
                @Override
                public String subjectType() {
                    return "test_http";
                }

                @Override
                public Set<String> indexKeys() {
                    return hosts;
                }

                @Override
                public Optional<Hit> match(Subject subject) {
                    HttpCall c = ((TestHttpSubject) subject).call();
                    java.util.regex.Matcher mm = body.matcher(c.body());
                    if (mm.find()) {
                        return Optional.of(new Hit(Span.of("body", c.body(), mm.start(), mm.end()), null));
                    }
                    if (c.bodyTruncated()) {
                        // the rule cares about bodies and this one was not seen whole: fail closed
                        return Optional.of(new Hit(Span.of("url", c.url(), 0, c.url().length()), null));
                    }
                    return Optional.empty();
                }
            };
        }
    }
}
