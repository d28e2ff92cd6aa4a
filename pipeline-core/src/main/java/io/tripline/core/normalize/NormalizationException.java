package io.tripline.core.normalize;

/** Source JSON that cannot become a canonical record; the message says which field and why. */
public class NormalizationException extends RuntimeException {

    public NormalizationException(String message) {
        super(message);
    }

    public NormalizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
