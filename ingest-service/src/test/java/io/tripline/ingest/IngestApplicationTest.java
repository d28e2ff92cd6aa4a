package io.tripline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micronaut.context.ApplicationContext;

/** What {@code main} prints when configuration is invalid: one line, naming the key. */
class IngestApplicationTest {

    @Test
    void shouldReduceAConfigurationFailureToOneLineNamingTheKey() {
        Map<String, Object> p = new HashMap<>();
        p.put("tripline.ingest.kafka.bootstrap.servers", "127.0.0.1:1");
        p.put("tripline.ingest.kafka.schema.registry.url", "http://127.0.0.1:1");
        p.put("tripline.ingest.accounts[0].id", "111122223333");
        p.put("tripline.ingest.accounts[0].regions", List.of("us-east-1"));
        p.put("tripline.ingest.accounts[0].sources", List.of("guardduty", "macie"));
        p.put("micronaut.server.enabled", false);
        Throwable failure = catchThrowable(() -> ApplicationContext.run(p).close());

        String line = IngestApplication.rootMessage(failure);

        assertThat(line).startsWith("Invalid ingest configuration: tripline.ingest.accounts[0].sources: unknown source 'macie'")
                .doesNotContain("\n");
    }
}
