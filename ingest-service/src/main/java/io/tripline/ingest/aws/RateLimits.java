package io.tripline.ingest.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

/**
 * The token buckets of AWS per-account-region quotas, shared by every client and poller of the same
 * account, region and operation (e.g. {@code cloudtrail:LookupEvents}).
 */
@Singleton
public class RateLimits {

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public TokenBucket bucket(String account, String region, String operation, double requestsPerSecond) {
        return buckets.computeIfAbsent(account + "/" + region + "/" + operation, k -> new TokenBucket(requestsPerSecond));
    }
}
