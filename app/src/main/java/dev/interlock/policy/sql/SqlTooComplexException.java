package dev.interlock.policy.sql;

/**
 * The text is beyond what the classifier analyses (statement count, nesting). The policy engine turns any
 * exception during analysis into an "ask", so this fails closed.
 */
public final class SqlTooComplexException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public SqlTooComplexException(String message) {
        super(message);
    }
}
