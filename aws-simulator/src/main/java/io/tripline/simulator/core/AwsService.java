package io.tripline.simulator.core;

/**
 * One simulated AWS service. The server routes a request to the service whose {@link #signingName()}
 * matches the SigV4 credential scope of the request, then renders any {@link AwsError} in the
 * service's {@link #protocol()} error shape.
 */
public interface AwsService {

    /** The SigV4 signing name: guardduty, securityhub, cloudtrail, ec2, iam, s3, sns, sqs, sts. */
    String signingName();

    /** The wire protocol, which decides how errors are rendered. */
    Protocol protocol();

    /**
     * The operation a request invokes (e.g. {@code ListFindings}, {@code DescribeInstances}), used for
     * fault injection, rate limits and counters before {@link #handle} runs. Null when unknown.
     */
    String operationName(SimRequest request);

    /** Answers one request; throws {@link AwsError} for documented error cases. */
    SimResponse handle(SimRequest request, CallContext context);
}
