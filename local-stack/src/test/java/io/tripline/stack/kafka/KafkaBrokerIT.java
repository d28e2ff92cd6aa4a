package io.tripline.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The child-JVM KRaft broker: it serves clients, keeps its data across a restart on the same directory,
 * refuses a taken port with a message naming it, and leaves no process behind.
 */
class KafkaBrokerIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepTopicsRecordsAndItsAddressAcrossRestartAndLeaveNoProcessBehind() throws Exception {
        KafkaBroker broker = KafkaBroker.start(KafkaBroker.Options.defaults().dataDir(dataDir).port(0));
        long firstPid = broker.pid();
        String address = broker.bootstrapServers();
        String clusterId = Files.readString(dataDir.resolve("cluster.id")).trim();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", address))) {
            admin.createTopics(List.of(new NewTopic("restart-check", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", address),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("restart-check", "k", "before-restart")).get(30, TimeUnit.SECONDS);
        }

        long secondPid;
        try (KafkaBroker restarted = broker.restart()) {
            secondPid = restarted.pid();
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(secondPid).isNotEqualTo(firstPid);
            // clients configured before the restart find the broker where it was
            assertThat(restarted.bootstrapServers()).isEqualTo(address);
            assertThat(Files.readString(dataDir.resolve("cluster.id")).trim()).isEqualTo(clusterId);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    "bootstrap.servers", address, "group.id", "restart-check",
                    "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(Set.of("restart-check"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                String value = null;
                while (value == null && System.nanoTime() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        value = records.iterator().next().value();
                    }
                }
                assertThat(value).isEqualTo("before-restart");
            }
        }
        assertThat(ProcessHandle.of(secondPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void shouldRefuseATakenPortWithAMessageNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> KafkaBroker.start(KafkaBroker.Options.defaults().dataDir(dataDir).port(port)))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage("port " + port + " is already in use");
        }
    }
}
