package io.tripline.simulator.fault;

import io.tripline.simulator.core.AwsError;

/**
 * The throttling and internal errors each real service answers with: code and HTTP status as the
 * SDK's retry policy recognises them (e.g. EC2 {@code RequestLimitExceeded} 503, S3 {@code SlowDown}
 * 503, CloudTrail {@code ThrottlingException} 400).
 */
public final class ThrottleErrors {

    private ThrottleErrors() {
    }

    public static AwsError throttling(String signingName) {
        return switch (signingName) {
            case "guardduty", "securityhub" -> new AwsError(429, "TooManyRequestsException", "Rate exceeded");
            case "cloudtrail" -> new AwsError(400, "ThrottlingException", "Rate exceeded");
            case "ec2" -> new AwsError(503, "RequestLimitExceeded", "Request limit exceeded.");
            case "sqs" -> new AwsError(400, "ThrottlingException", "Rate exceeded");
            case "s3" -> new AwsError(503, "SlowDown", "Please reduce your request rate.");
            default -> new AwsError(400, "Throttling", "Rate exceeded");
        };
    }

    public static AwsError internal(String signingName) {
        return switch (signingName) {
            case "guardduty" -> new AwsError(500, "InternalServerErrorException", "Internal server error");
            case "securityhub" -> new AwsError(500, "InternalException", "Internal service error");
            case "cloudtrail", "sqs" -> new AwsError(500, "InternalFailure",
                    "The request processing has failed because of an unknown error, exception or failure.");
            default -> new AwsError(500, "InternalError", "We encountered an internal error. Please try again.");
        };
    }
}
