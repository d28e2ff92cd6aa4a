package io.tripline.ingest.aws;

import java.util.Map;

import io.tripline.ingest.ops.IngestMetrics;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Applies the quota token buckets to every HTTP attempt (retries included — the quota counts
 * requests, not API calls), counts throttled attempts, and counts failed calls by AWS error code.
 */
final class AwsCallInterceptor implements ExecutionInterceptor {

    private final String service;
    private final String account;
    private final String region;
    private final Map<String, TokenBucket> limits;
    private final IngestMetrics metrics;

    AwsCallInterceptor(String service, String account, String region, Map<String, TokenBucket> limits,
                       IngestMetrics metrics) {
        this.service = service;
        this.account = account;
        this.region = region;
        this.limits = limits;
        this.metrics = metrics;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        TokenBucket bucket = limits.get(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        if (bucket != null) {
            try {
                bucket.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AbortedException.create("interrupted while waiting for the request quota", e);
            }
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        int status = context.httpResponse().statusCode();
        if (status == 429 || status == 503) {
            metrics.throttled(service, account, region);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable error = context.exception();
        String code;
        if (error instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null) {
            code = aws.awsErrorDetails().errorCode();
            if (aws.isThrottlingException()) {
                metrics.throttled(service, account, region);
            }
        } else if (error instanceof SdkServiceException sdk) {
            code = "HTTP" + sdk.statusCode();
        } else {
            code = error.getClass().getSimpleName();
        }
        metrics.awsError(service, account, region, code);
    }
}
