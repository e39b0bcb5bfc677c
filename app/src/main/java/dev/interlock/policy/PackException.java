package dev.interlock.policy;

/**
 * A pack (or a rule in it) that cannot be loaded. The message always names the file and line, and the rule
 * id when the problem is inside a rule, so the user can go straight to it.
 */
public final class PackException extends Exception {
    private final String file;
    private final int line;
    private final String ruleId;
    private final String problem;

    public PackException(String file, int line, String ruleId, String problem) {
        super(format(file, line, ruleId, problem));
        this.file = file;
        this.line = line;
        this.ruleId = ruleId;
        this.problem = problem;
    }

    private static String format(String file, int line, String ruleId, String problem) {
        StringBuilder sb = new StringBuilder(file == null ? "<pack>" : file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (ruleId != null) {
            sb.append("rule '").append(ruleId).append("': ");
        }
        return sb.append(problem).toString();
    }

    /** The same problem, now known to be inside rule {@code id} (kept if already set). */
    public PackException inRule(String id) {
        return ruleId != null ? this : new PackException(file, line, id, problem);
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String ruleId() {
        return ruleId;
    }

    public String problem() {
        return problem;
    }
}
