package io.tripline.ingest.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.reactivestreams.Publisher;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.tripline.ingest.IngestService;
import io.tripline.ingest.config.IngestConfig;
import io.tripline.ingest.source.SourceHealth;
import jakarta.inject.Singleton;

/**
 * Readiness of the sources: each (source, account, region) is up while its last successful poll is
 * younger than {@code max-poll-age} and it has not failed {@code unhealthy-after-failures} times in a
 * row. One unhealthy source makes the service not ready; the details name it, the others keep running.
 */
@Singleton
@Readiness
public class SourcesHealthIndicator implements HealthIndicator {

    private final IngestService service;
    private final IngestConfig config;

    public SourcesHealthIndicator(IngestService service, IngestConfig config) {
        this.service = service;
        this.config = config;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Instant now = Instant.now();
        Map<String, Object> details = new LinkedHashMap<>();
        boolean allUp = true;
        for (SourceHealth health : service.health()) {
            Instant reference = health.lastSuccess() != null ? health.lastSuccess() : health.startedAt();
            boolean fresh = Duration.between(reference, now).compareTo(config.getMaxPollAge()) <= 0;
            boolean up = fresh && health.consecutiveFailures() < config.getUnhealthyAfterFailures();
            allUp &= up;
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("status", up ? "UP" : "DOWN");
            one.put("lastSuccess", String.valueOf(health.lastSuccess()));
            one.put("consecutiveFailures", health.consecutiveFailures());
            if (health.lastError() != null) {
                one.put("lastError", health.lastError());
            }
            details.put(health.source().key(), one);
        }
        return Publishers.just(HealthResult.builder("ingest-sources", allUp ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details).build());
    }
}
