package io.tripline.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.tripline.core.testing.Loopback;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.stack.registry.RegistryConfig;
import io.tripline.stack.registry.SchemaRegistryServer;
import io.tripline.stack.testing.SharedStack;

/**
 * The development parts listen on 127.0.0.1 only with their default settings: the registry (which has no
 * authentication), the KRaft broker's client listener, and the AWS simulator. Checked from the outside: each
 * answers on loopback and refuses connections on this machine's other addresses.
 */
class LoopbackListenersIT {

    @Test
    void shouldBindRegistryBrokerAndSimulatorToLoopbackByDefault() {
        SharedStack stack = SharedStack.get();
        if (!Boolean.getBoolean("tripline.it.docker")) {
            // the embedded broker; a Testcontainers broker's port mapping is Docker's business
            int brokerPort = Integer.parseInt(stack.bootstrapServers().replaceAll(".*:", ""));
            assertThat(Loopback.assertLoopbackOnly("the KRaft broker", brokerPort)).as("non-loopback addresses tried").isNotEmpty();
        }

        try (SchemaRegistryServer registry = SchemaRegistryServer.start(RegistryConfig.of(stack.bootstrapServers()).withPort(0));
             AwsSimulator simulator = AwsSimulator.start(SimulatorOptions.defaults().withPort(0))) {
            assertThat(URI.create(registry.url()).getHost()).isEqualTo("127.0.0.1");
            Loopback.assertLoopbackOnly("the schema registry", registry.port());
            Loopback.assertLoopbackOnly("the AWS simulator", simulator.port());
        }
    }
}
