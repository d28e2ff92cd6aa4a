package io.tripline.ingest.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micronaut.context.ApplicationContext;

/** Invalid configuration stops the service at start with a message that names the offending key. */
class InvalidConfigurationTest {

    private static Map<String, Object> valid() {
        Map<String, Object> p = new HashMap<>();
        p.put("tripline.ingest.kafka.bootstrap.servers", "127.0.0.1:1");
        p.put("tripline.ingest.kafka.schema.registry.url", "http://127.0.0.1:1");
        p.put("tripline.ingest.accounts[0].id", "111122223333");
        p.put("tripline.ingest.accounts[0].regions", List.of("us-east-1"));
        p.put("tripline.ingest.accounts[0].sources", List.of("guardduty"));
        p.put("micronaut.server.enabled", false);
        return p;
    }

    @Test
    void shouldNameTheKeyOfAnUnknownSource() {
        Map<String, Object> p = valid();
        p.put("tripline.ingest.accounts[0].sources", List.of("guardduty", "macie"));
        assertThatThrownBy(() -> ApplicationContext.run(p).close())
                .hasStackTraceContaining("tripline.ingest.accounts[0].sources")
                .hasStackTraceContaining("macie");
    }

    @Test
    void shouldNameTheKeyOfAPageSizeAboveTheAwsMaximum() {
        Map<String, Object> p = valid();
        p.put("tripline.ingest.guardduty.page-size", 51);
        assertThatThrownBy(() -> ApplicationContext.run(p).close())
                .hasStackTraceContaining("tripline.ingest.guardduty.page-size");
    }

    @Test
    void shouldNameTheKeyOfAMalformedAccountId() {
        Map<String, Object> p = valid();
        p.put("tripline.ingest.accounts[0].id", "12345");
        assertThatThrownBy(() -> ApplicationContext.run(p).close())
                .hasStackTraceContaining("tripline.ingest.accounts[0].id");
    }

    @Test
    void shouldNameTheKeyOfAMissingBootstrapServer() {
        Map<String, Object> p = valid();
        p.remove("tripline.ingest.kafka.bootstrap.servers");
        assertThatThrownBy(() -> ApplicationContext.run(p).close())
                .hasStackTraceContaining("tripline.ingest.kafka.bootstrap.servers");
    }

    @Test
    void shouldRejectALookupEventsRateAboveTheQuota() {
        Map<String, Object> p = valid();
        p.put("tripline.ingest.cloudtrail.requests-per-second", 5);
        assertThatThrownBy(() -> ApplicationContext.run(p).close())
                .hasStackTraceContaining("tripline.ingest.cloudtrail.requests-per-second");
    }
}
