package io.tripline.ingest.ops;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.reactivestreams.Publisher;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.tripline.ingest.config.KafkaSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/** Readiness of the broker: the cluster answers DescribeCluster within five seconds. */
@Singleton
@Readiness
public class KafkaHealthIndicator implements HealthIndicator {

    private final Admin admin;

    public KafkaHealthIndicator(KafkaSettings kafka) {
        Map<String, Object> config = kafka.copy();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        this.admin = Admin.create(config);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthResult.Builder result = HealthResult.builder("kafka");
        try {
            int brokers = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
            return Publishers.just(result.status(HealthStatus.UP).details(Map.of("brokers", brokers)).build());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Publishers.just(result.status(HealthStatus.DOWN).details(Map.of("error", e.toString())).build());
        }
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
