package io.tripline.ingest.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tripline.ingest.source.SourceId;
import jakarta.inject.Singleton;

/**
 * The service's metrics, tagged by source, account and region: records published (per topic), dead
 * letters, poll duration and failures, cursor lag (now − cursor), and AWS errors by code and throttles.
 * Exposed at {@code /prometheus}.
 */
@Singleton
public class IngestMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicLong> cursorPositions = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.clock = Clock.systemUTC();
    }

    public void published(SourceId source, String topic) {
        Counter.builder("tripline.ingest.records.published").tags(tags(source)).tag("topic", topic)
                .register(registry).increment();
    }

    public void deadLettered(SourceId source, int count) {
        Counter.builder("tripline.ingest.dlq.records").tags(tags(source)).register(registry).increment(count);
    }

    public void pollDuration(SourceId source, long nanos) {
        Timer.builder("tripline.ingest.poll.duration").tags(tags(source)).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void pollFailed(SourceId source) {
        Counter.builder("tripline.ingest.poll.failures").tags(tags(source)).register(registry).increment();
    }

    /** Remembers the committed cursor so the lag gauge reads now − cursor at scrape time. */
    public void cursor(SourceId source, Instant position) {
        AtomicLong holder = cursorPositions.computeIfAbsent(source.key(), k -> {
            AtomicLong value = new AtomicLong(position.toEpochMilli());
            Gauge.builder("tripline.ingest.cursor.lag.seconds", value,
                            v -> (clock.millis() - v.get()) / 1000.0)
                    .tags(tags(source)).register(registry);
            return value;
        });
        holder.set(position.toEpochMilli());
    }

    /** A failed AWS call (after the SDK's retries) by service and error code. */
    public void awsError(String service, String account, String region, String code) {
        Counter.builder("tripline.ingest.aws.errors").tag("service", service).tag("account", account)
                .tag("region", region).tag("code", code).register(registry).increment();
    }

    /** One throttled attempt (the SDK or our token bucket then waits). */
    public void throttled(String service, String account, String region) {
        Counter.builder("tripline.ingest.aws.throttles").tag("service", service).tag("account", account)
                .tag("region", region).register(registry).increment();
    }

    private static String[] tags(SourceId source) {
        return new String[] {"source", source.type().id(), "account", source.account(), "region", source.region()};
    }
}
