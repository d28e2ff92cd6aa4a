package io.tripline.respond.ledger;

/**
 * A transition could not be persisted. Callers must not act on it, and the incident that led to it must
 * be handled again later rather than dead-lettered: the ledger, not the incident, was the problem.
 */
public class LedgerException extends RuntimeException {

    private final boolean fatal;

    public LedgerException(String message, Throwable cause, boolean fatal) {
        super(message, cause);
        this.fatal = fatal;
    }

    /** True when this writer can never write again (fenced by a newer instance with the same transactional id). */
    public boolean fatal() {
        return fatal;
    }
}
