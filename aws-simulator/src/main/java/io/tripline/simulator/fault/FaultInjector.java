package io.tripline.simulator.fault;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, before a service handles a call, whether the call is delayed, throttled or failed: first
 * AWS's own rate limits (when enforced), then the configured {@link FaultRule}s drawn from a seeded
 * generator so a test sees the same faults on every run.
 */
public final class FaultInjector {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);

    /** AWS's published limits the simulator can enforce: {service/operation → {rate, burst}}. */
    private static final Map<String, double[]> LIMITS = Map.of(
            "cloudtrail/LookupEvents", new double[] {2, 2},
            "securityhub/GetFindings", new double[] {3, 6});

    private final Counters counters;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private volatile FaultSettings settings;
    private Random random;

    public FaultInjector(FaultSettings settings, Counters counters) {
        this.counters = counters;
        configure(settings);
    }

    public synchronized void configure(FaultSettings newSettings) {
        this.settings = newSettings;
        this.random = new Random(newSettings.seed());
        buckets.clear();
    }

    public FaultSettings settings() {
        return settings;
    }

    public Counters counters() {
        return counters;
    }

    /**
     * Applies limits and faults to one call; returns normally when the call may proceed, throws the
     * service's throttling or internal error otherwise.
     */
    public void beforeCall(String service, String operation, String accountId, String region) {
        String key = service + "/" + operation;
        FaultSettings current = settings;
        if (current.enforceLimits()) {
            double[] limit = LIMITS.get(key);
            if (limit != null) {
                TokenBucket bucket = buckets.computeIfAbsent(key + "/" + accountId + "/" + region,
                        k -> new TokenBucket(limit[0], limit[1]));
                if (!bucket.tryAcquire()) {
                    counters.increment(service, operation, Counters.Kind.limitViolations);
                    LOG.debug("Rate limit exceeded for {} in {}/{}", key, accountId, region);
                    throw ThrottleErrors.throttling(service);
                }
            }
        }
        for (FaultRule rule : current.rules()) {
            if (!rule.matches(service, operation)) {
                continue;
            }
            if (rule.latencyMs() > 0) {
                sleep(rule.latencyMs());
            }
            double draw = nextDouble();
            if (draw < rule.throttleRate()) {
                counters.increment(service, operation, Counters.Kind.throttlesInjected);
                throw ThrottleErrors.throttling(service);
            }
            if (draw < rule.throttleRate() + rule.errorRate()) {
                counters.increment(service, operation, Counters.Kind.errorsInjected);
                throw ThrottleErrors.internal(service);
            }
            return;
        }
    }

    private synchronized double nextDouble() {
        return random.nextDouble();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
