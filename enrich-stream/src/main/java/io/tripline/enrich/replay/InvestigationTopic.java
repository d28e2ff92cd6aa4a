package io.tripline.enrich.replay;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import io.tripline.core.topic.Topics;

/**
 * The topic an investigation replay writes its OCSF to. It may never be a production topic — neither a
 * {@code tripline.*} name of the pipeline nor one under the replayed pipeline's topic prefix — because
 * SIEMs and the responder consume those. It is created when missing (one partition keeps the replay's
 * order) and every record carries {@value #REPLAY_HEADER}{@code =true} and a
 * {@value #SOURCE_HEADER} header describing the query, which is how the responder knows never to act on it.
 */
public final class InvestigationTopic {

    /** Marks a record as produced by a replay; the responder's ReplayGuard skips such records. */
    public static final String REPLAY_HEADER = "tripline.replay";
    /** What was replayed: topics, range and filters (see {@link TopicQuery#describe()}). */
    public static final String SOURCE_HEADER = "tripline.replay.source";

    private final String name;
    private final short replicationFactor;

    private InvestigationTopic(String name, short replicationFactor) {
        this.name = name;
        this.replicationFactor = replicationFactor;
    }

    /**
     * The investigation topic {@code name}; throws {@link IllegalArgumentException} naming it when it is
     * a production topic, with or without the replayed pipeline's {@code topicPrefix}.
     */
    public static InvestigationTopic of(String name, String topicPrefix, short replicationFactor) {
        String unprefixed = topicPrefix != null && !topicPrefix.isEmpty() && name.startsWith(topicPrefix)
                ? name.substring(topicPrefix.length()) : name;
        if (name.isBlank() || Topics.isProductionTopic(name) || Topics.isProductionTopic(unprefixed)) {
            throw new IllegalArgumentException("--to-topic " + name + " is a production topic; replays write only to"
                    + " investigation topics such as tripline.investigation.case-42");
        }
        return new InvestigationTopic(name, replicationFactor);
    }

    public String name() {
        return name;
    }

    /** Creates the topic when missing, then writes {@code keys}/{@code values} in order with the replay headers. */
    public void write(List<String> keys, List<String> values, String source, Map<String, Object> clientConfig) {
        create(clientConfig);
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "tripline-replay");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        byte[] replay = "true".getBytes(StandardCharsets.UTF_8);
        byte[] describe = source.getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < values.size(); i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(name, null, keys.get(i), values.get(i));
                record.headers().add(new RecordHeader(REPLAY_HEADER, replay));
                record.headers().add(new RecordHeader(SOURCE_HEADER, describe));
                producer.send(record);
            }
            producer.flush();
        }
    }

    private void create(Map<String, Object> clientConfig) {
        try (Admin admin = Admin.create(clientConfig)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!existing.contains(name)) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, 1, replicationFactor))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + name + ": the broker did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }
}
