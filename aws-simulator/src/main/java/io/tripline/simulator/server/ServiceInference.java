package io.tripline.simulator.server;

import java.util.Map;

/**
 * Guesses the target service of a request that carries no SigV4 scope, only to answer it in that
 * service's error shape (X-Amz-Target prefix, path, Query Action). Null when nothing fits.
 */
final class ServiceInference {

    private ServiceInference() {
    }

    static String infer(String path, Map<String, String> headers, Map<String, String> formParams) {
        String target = headers.get("x-amz-target");
        if (target != null) {
            if (target.startsWith("com.amazonaws.cloudtrail")) {
                return "cloudtrail";
            }
            if (target.startsWith("AmazonSQS")) {
                return "sqs";
            }
        }
        if (path.startsWith("/detector")) {
            return "guardduty";
        }
        if (path.startsWith("/findings") || path.startsWith("/accounts")) {
            return "securityhub";
        }
        String action = formParams.get("Action");
        if (action != null) {
            if (action.equals("AssumeRole") || action.equals("GetCallerIdentity") || action.startsWith("GetSessionToken")) {
                return "sts";
            }
            if (action.startsWith("Describe") || action.contains("SecurityGroup") || action.contains("Instances")) {
                return "ec2";
            }
            if (action.contains("Topic") || action.equals("Publish") || action.contains("Subscri")) {
                return "sns";
            }
            return "iam";
        }
        return null;
    }
}
