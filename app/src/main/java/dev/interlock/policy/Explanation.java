package dev.interlock.policy;

import java.util.List;

/**
 * How the engine reached a decision, for {@code interlock explain}: the subjects it found (each simple
 * command, request, statement), the unwrapping steps, and which rules it considered for each subject.
 */
public record Explanation(List<SubjectTrace> subjects, List<String> steps, Decision decision) {
    public record SubjectTrace(String type, String description, List<String> considered, List<String> matched) {
    }
}
