package io.tripline.enrich.sigma;

/**
 * A rule could not be compiled. {@link #skipped()} distinguishes a rule that is well-formed but
 * cannot run here (missing placeholder value, unsupported modifier) from a malformed one; both
 * end up in the {@link LoadReport}, neither stops the other rules from loading.
 */
public class SigmaRuleException extends RuntimeException {

    private final boolean skipped;

    SigmaRuleException(String message) {
        this(message, false);
    }

    SigmaRuleException(String message, boolean skipped) {
        super(message);
        this.skipped = skipped;
    }

    /** A rule that is valid Sigma but deliberately not loaded (the message says why). */
    static SigmaRuleException skip(String message) {
        return new SigmaRuleException(message, true);
    }

    /** True when the rule was skipped for a documented reason rather than being malformed. */
    public boolean skipped() {
        return skipped;
    }
}
