package dev.interlock.audit;

/** The audit log cannot be opened, read or written; the message names the file and the problem. */
public final class AuditException extends RuntimeException {
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }

    public AuditException(String message) {
        super(message);
    }
}
