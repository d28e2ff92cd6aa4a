package io.tripline.stack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Confluent's REST contract on the in-memory registry (no broker needed). */
class RegistryEndpointsTest extends RegistryEndpointsContract {

    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.startInMemory("127.0.0.1", 0);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Override
    String registryUrl() {
        return registry.url();
    }

    @Test
    void shouldNameThePortWhenItIsAlreadyTaken() {
        int taken = registry.port();

        assertThatThrownBy(() -> SchemaRegistryServer.startInMemory("127.0.0.1", taken))
                .hasMessageContaining("port " + taken + " is already in use");
    }

    @Test
    void shouldReportTheBoundPortInItsUrl() {
        assertThat(registry.url()).isEqualTo("http://127.0.0.1:" + registry.port());
        assertThat(registry.port()).isPositive();
    }
}
