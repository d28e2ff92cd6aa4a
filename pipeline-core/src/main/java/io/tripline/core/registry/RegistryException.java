package io.tripline.core.registry;

/**
 * An error answer from a Confluent-compatible schema registry, with Confluent's {@code error_code}
 * (40401 subject not found, 40402 version not found, 40403 schema not found, 409 incompatible,
 * 42201 invalid schema, ...) or the transport failure that prevented an answer (status 0).
 */
public class RegistryException extends RuntimeException {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE = 409;
    public static final int INVALID_SCHEMA = 42201;

    private final int status;
    private final int errorCode;

    public RegistryException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.errorCode = 0;
    }

    /** HTTP status, 0 when the registry could not be reached. */
    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    /** True when retrying may help: the registry was unreachable or answered 5xx. */
    public boolean retriable() {
        return status == 0 || status >= 500;
    }
}
