package dev.interlock.policy.http;

import dev.interlock.policy.Hit;
import dev.interlock.policy.Matcher;
import dev.interlock.policy.MatcherFactories;
import dev.interlock.policy.MatcherFactory;
import dev.interlock.policy.PackException;
import dev.interlock.policy.Subject;
import dev.interlock.policy.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code graphql:} matcher (spec: policy-packs/README.md): top-level fields of the mutations a request may run,
 * by their real names. A request to a matching host and path whose GraphQL cannot be read (unparsable, a body
 * Interlock cannot see, a persisted query) hits too, with a note saying so: fail closed.
 */
public final class GraphqlMatcherFactory implements MatcherFactory {
    private static final Pattern NAME = Pattern.compile("[_A-Za-z*][_A-Za-z0-9*]*");
    private static final Pattern PATH = Pattern.compile("[_A-Za-z][_A-Za-z0-9]*(\\.[_A-Za-z0-9]+)*");

    @Override
    public String key() {
        return "graphql";
    }

    @Override
    public Matcher create(YNode spec, MatcherFactories all) throws PackException {
        spec.allowOnly("hosts", "path", "mutations", "arguments", "target");
        List<HostPattern> hosts = HostPattern.parse(spec.require("hosts"));
        List<PathTemplate> paths = new ArrayList<>();
        if (spec.get("path").isPresent()) {
            for (YNode p : spec.require("path").items()) {
                paths.add(PathTemplate.template(p));
            }
        }
        List<Pattern> mutations = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (YNode m : spec.require("mutations").items()) {
            String n = m.string().trim();
            if (!NAME.matcher(n).matches()) {
                throw m.error("'" + n + "' is not a GraphQL field name (letters, digits, _; * as a wildcard)");
            }
            names.add(n);
            mutations.add(Pattern.compile(n.replace("*", ".*")));
        }
        if (mutations.isEmpty()) {
            throw spec.require("mutations").error("'mutations' needs at least one field name");
        }
        Map<String, Pattern> arguments = ValueTests.regexMap(spec, "arguments");
        for (String a : arguments.keySet()) {
            if (!PATH.matcher(a).matches()) {
                throw spec.require("arguments").error("'" + a + "' is not an argument name or dot path (input.replace)");
            }
        }
        String target = null;
        if (spec.get("target").isPresent()) {
            target = spec.require("target").string().trim();
            if (!PATH.matcher(target).matches()) {
                throw spec.require("target").error("target is an argument name or dot path (volumeId, input.id)");
            }
        }
        return new GraphqlMatcher(hosts, paths, mutations, String.join(", ", names), arguments, target);
    }

    private record GraphqlMatcher(List<HostPattern> hosts, List<PathTemplate> paths, List<Pattern> mutations,
                                  String names, Map<String, Pattern> arguments, String target) implements Matcher {
        @Override
        public String subjectType() {
            return HttpSubject.TYPE;
        }

        @Override
        public Set<String> indexKeys() {
            return HostPattern.keys(hosts);
        }

        @Override
        public Optional<Hit> match(Subject subject) {
            HttpSubject s = (HttpSubject) subject;
            if (!HostPattern.any(hosts, s.hosts())) {
                return Optional.empty();
            }
            if (!paths.isEmpty() && paths.stream().noneMatch(p -> p.match(s.url()).isPresent())) {
                return Optional.empty();
            }
            GraphqlView view = s.graphql();
            if (!view.present()) {
                return Optional.empty();
            }
            for (MutationField f : view.mutations()) {
                if (mutations.stream().noneMatch(p -> p.matcher(f.name()).matches()) || !argumentsHold(f)) {
                    continue;
                }
                String t = target == null ? null : f.argument(target).text();
                return Optional.of(new Hit(f.span(), t));
            }
            if (view.unreadMayRun(n -> mutations.stream().anyMatch(p -> p.matcher(n).matches()))) {
                return Optional.of(new Hit(s.bodyLoc().all(), null,
                        "Interlock cannot read the GraphQL this request would run: " + view.problems().get(0)
                                + ". It cannot rule out " + names + ", so the request is held for a human."));
            }
            return Optional.empty();
        }

        /** Each argument condition holds; a value that depends on a variable that was not sent counts as holding. */
        private boolean argumentsHold(MutationField f) {
            for (Map.Entry<String, Pattern> a : arguments.entrySet()) {
                GraphqlValues.Resolved r = f.argument(a.getKey());
                if (r.state() == GraphqlValues.Resolved.State.ABSENT) {
                    return false;
                }
                if (r.state() == GraphqlValues.Resolved.State.VALUE && !a.getValue().matcher(r.text()).matches()) {
                    return false;
                }
            }
            return true;
        }
    }
}
