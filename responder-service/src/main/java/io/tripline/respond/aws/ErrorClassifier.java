package io.tripline.respond.aws;

import java.io.IOException;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Decides whether an action failure is worth another attempt, by walking the cause chain: throttling,
 * 5xx and I/O problems are transient; everything else (access denied, not found, validation) is not.
 */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AwsServiceException aws) {
                return aws.isThrottlingException() || aws.statusCode() >= 500 || aws.retryable();
            }
            if (t instanceof SdkClientException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** A one-line reason for records and notifications. */
    public static String reason(Throwable error) {
        if (error instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
