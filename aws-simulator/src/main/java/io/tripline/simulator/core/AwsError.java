package io.tripline.simulator.core;

/**
 * A documented AWS error: HTTP status, error code (e.g. {@code NoSuchEntity},
 * {@code InvalidInstanceID.NotFound}, {@code ThrottlingException}) and message. The server renders it
 * in the protocol's error shape so the SDK raises its typed exception.
 */
public class AwsError extends RuntimeException {

    private final int status;
    private final String code;
    private final boolean senderFault;

    public AwsError(int status, String code, String message) {
        this(status, code, message, status < 500);
    }

    public AwsError(int status, String code, String message, boolean senderFault) {
        super(message);
        this.status = status;
        this.code = code;
        this.senderFault = senderFault;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean senderFault() {
        return senderFault;
    }

    public static AwsError badRequest(String code, String message) {
        return new AwsError(400, code, message);
    }

    public static AwsError notFound(String code, String message) {
        return new AwsError(404, code, message);
    }
}
