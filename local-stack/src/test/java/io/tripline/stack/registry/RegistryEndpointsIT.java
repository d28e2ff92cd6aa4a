package io.tripline.stack.registry;

import io.tripline.stack.kafka.KafkaBroker;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Confluent's REST contract on a registry stored in a real KRaft broker. */
class RegistryEndpointsIT extends RegistryEndpointsContract {

    @TempDir
    static Path dataDir;

    private static KafkaBroker broker;
    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startStack() throws Exception {
        broker = KafkaBroker.start(KafkaBroker.Options.defaults().dataDir(dataDir).port(0));
        registry = SchemaRegistryServer.start(RegistryConfig.of(broker.bootstrapServers())
                .withPort(0)
                .withTopic("_schemas-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    @AfterAll
    static void stopStack() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    String registryUrl() {
        return registry.url();
    }
}
