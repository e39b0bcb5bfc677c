package dev.interlock.policy.http;

import dev.interlock.action.Action;
import dev.interlock.action.HttpCall;
import dev.interlock.policy.Analyzer;
import dev.interlock.policy.SubjectSink;

/** An HTTP call (from the proxy or {@code interlock check --http}) is one {@link HttpSubject}. */
public final class HttpAnalyzer implements Analyzer {
    @Override
    public boolean accepts(Action action) {
        return action instanceof HttpCall;
    }

    @Override
    public void analyze(Action action, SubjectSink sink) {
        HttpSubject s = HttpSubject.fromCall((HttpCall) action);
        if (s.host().isEmpty()) {
            throw new IllegalArgumentException("the URL has no host: " + ((HttpCall) action).url());
        }
        sink.add(s);
    }
}
