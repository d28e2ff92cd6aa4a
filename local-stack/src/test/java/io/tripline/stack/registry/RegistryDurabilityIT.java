package io.tripline.stack.registry;

import static io.tripline.stack.registry.RegistryEndpointsContract.V1;
import static io.tripline.stack.registry.RegistryEndpointsContract.V2;
import static io.tripline.stack.registry.RegistryEndpointsContract.V2_REQUIRED;
import static io.tripline.stack.registry.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.tripline.stack.kafka.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the schemas topic buys: ids that survive restarts, and registries that agree. */
class RegistryDurabilityIT {

    @TempDir
    static Path dataDir;

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(KafkaBroker.Options.defaults().dataDir(dataDir).port(0));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldKeepSchemaIdAfterRegistryRestart() {
        RegistryConfig config = config(topic());
        int id;
        try (SchemaRegistryServer first = SchemaRegistryServer.start(config)) {
            register(first, "restart-value", V1);
            id = register(first, "restart-value", V2);
            new RegistryHttp(first.url()).put("/config/restart-value", "{\"compatibility\":\"NONE\"}");
        }

        try (SchemaRegistryServer second = SchemaRegistryServer.start(config)) {
            RegistryHttp http = new RegistryHttp(second.url());
            assertThat(register(second, "restart-value", V2)).isEqualTo(id);
            assertThat(http.get("/subjects/restart-value/versions").json().toString()).isEqualTo("[1,2]");
            assertThat(http.get("/schemas/ids/" + id).json().get("schema").asText()).contains("score");
            assertThat(http.get("/config/restart-value").json().get("compatibilityLevel").asText()).isEqualTo("NONE");
            // A new schema gets a fresh id, never one used before the restart.
            assertThat(register(second, "other-value", V2_REQUIRED.replace("Finding", "Other"))).isGreaterThan(id);
        }
    }

    @Test
    void shouldAgreeOnIdsBetweenTwoRegistriesOnTheSameTopic() {
        RegistryConfig config = config(topic());
        try (SchemaRegistryServer a = SchemaRegistryServer.start(config);
                SchemaRegistryServer b = SchemaRegistryServer.start(config)) {
            int id = register(a, "shared-value", V1);

            // b reads a's record from the topic; give its tailing reader a moment.
            assertThat(eventually(() -> new RegistryHttp(b.url()).get("/schemas/ids/" + id).status(),
                    status -> status == 200)).isEqualTo(200);
            assertThat(register(b, "shared-value", V1)).isEqualTo(id);
            assertThat(register(b, "copy-value", V1)).isEqualTo(id);
            int id2 = register(b, "shared-value", V2);
            assertThat(eventually(() -> new RegistryHttp(a.url()).get("/subjects/shared-value/versions")
                    .json().toString(), "[1,2]"::equals)).isEqualTo("[1,2]");
            assertThat(register(a, "shared-value", V2)).isEqualTo(id2);
        }
    }

    @Test
    void shouldGiveEverySchemaOneIdWhenTwoRegistriesRegisterConcurrently() throws Exception {
        RegistryConfig config = config(topic());
        try (SchemaRegistryServer a = SchemaRegistryServer.start(config);
                SchemaRegistryServer b = SchemaRegistryServer.start(config)) {
            // Unrelated record types under one subject: only NONE lets them follow each other.
            new RegistryHttp(a.url()).put("/config", "{\"compatibility\":\"NONE\"}");
            assertThat(eventually(() -> new RegistryHttp(b.url()).get("/config").json()
                    .get("compatibilityLevel").asText(), "NONE"::equals)).isEqualTo("NONE");

            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Map.Entry<String, Integer>>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                SchemaRegistryServer target = i % 2 == 0 ? a : b;
                String name = "Race" + i;
                String subject = "race" + i % 3 + "-value";
                results.add(pool.submit(() -> Map.entry(name, register(target, subject, V1.replace("Finding", name)))));
            }
            Map<Integer, String> nameById = new HashMap<>();
            for (Future<Map.Entry<String, Integer>> result : results) {
                Map.Entry<String, Integer> entry = result.get();
                assertThat(nameById.put(entry.getValue(), entry.getKey()))
                        .as("id %s given to two schemas", entry.getValue()).isNull();
            }
            pool.shutdown();

            for (SchemaRegistryServer registry : List.of(a, b)) {
                RegistryHttp http = new RegistryHttp(registry.url());
                nameById.forEach((id, name) -> assertThat(eventually(
                        () -> http.get("/schemas/ids/" + id).json().path("schema").asText(),
                        schema -> schema.contains("\"" + name + "\""))).contains("\"" + name + "\""));
                for (int s = 0; s < 3; s++) {
                    String path = "/subjects/race" + s + "-value/versions";
                    assertThat(eventually(() -> http.get(path).json().toString(), "[1,2,3,4]"::equals))
                            .isEqualTo("[1,2,3,4]");
                }
            }
        }
    }

    @Test
    void shouldStoreRecordsInConfluentsFormatOnACompactedSinglePartitionTopic() throws Exception {
        String topic = topic();
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(config(topic))) {
            register(registry, "format-value", V1);
            new RegistryHttp(registry.url()).put("/config", "{\"compatibility\":\"FULL\"}");
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            String policy = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("cleanup.policy").value();
            assertThat(description.partitions()).hasSize(1);
            assertThat(policy).isEqualTo("compact");
        }
        List<ConsumerRecord<String, String>> records = readAll(topic);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly(
                "{\"keytype\":\"SCHEMA\",\"subject\":\"format-value\",\"version\":1,\"magic\":1}",
                "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(records.get(0).value()).startsWith("{\"subject\":\"format-value\",\"version\":1,\"id\":")
                .endsWith(",\"deleted\":false}");
        assertThat(records.get(1).value()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static int register(SchemaRegistryServer registry, String subject, String schema) {
        RegistryHttp.Reply reply = new RegistryHttp(registry.url())
                .post("/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(reply.status()).as(reply.json().toString()).isEqualTo(200);
        return reply.json().get("id").asInt();
    }

    /** Reads until {@code done} holds or 10 s pass; the other registry applies records as it tails them. */
    private static <T> T eventually(Callable<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            T last = read.call();
            while (!done.test(last) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                last = read.call();
            }
            return last;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RegistryConfig config(String topic) {
        return RegistryConfig.of(broker.bootstrapServers()).withPort(0).withTopic(topic);
    }

    private static String topic() {
        return "_schemas-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
