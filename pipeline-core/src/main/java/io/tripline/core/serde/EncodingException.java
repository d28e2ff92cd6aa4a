package io.tripline.core.serde;

import org.apache.avro.AvroRuntimeException;

/**
 * A value a {@link CompiledWriter} could not write, with where it sits in the record, for example
 * {@code null value for (non-nullable) string at Incident.factors[2].name}. Each level it passes through on the
 * way out adds its step to the path.
 */
final class EncodingException extends AvroRuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private String path = "";

    private EncodingException(RuntimeException cause) {
        super(cause.getMessage() != null ? cause.getMessage() : cause.toString(), cause);
        this.reason = super.getMessage();
    }

    /** {@code cause}, raised below {@code step} (a field {@code .name}, an item {@code [3]}, a record name). */
    static EncodingException at(String step, RuntimeException cause) {
        EncodingException e = cause instanceof EncodingException known ? known : new EncodingException(cause);
        e.path = step + e.path;
        return e;
    }

    /** Where the value sits, from the root record. */
    String path() {
        return path;
    }

    @Override
    public String getMessage() {
        return reason + " at " + path;
    }
}
