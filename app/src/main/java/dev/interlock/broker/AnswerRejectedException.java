package dev.interlock.broker;

/** A human answer the broker will not accept; the message says why in plain words. */
public final class AnswerRejectedException extends Exception {
    public AnswerRejectedException(String message) {
        super(message);
    }
}
