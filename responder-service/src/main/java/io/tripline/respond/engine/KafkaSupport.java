package io.tripline.respond.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;

import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.Topic;
import io.tripline.core.topic.Topics;
import io.tripline.respond.config.KafkaConfig;

/** Client and serde settings from {@link KafkaConfig}, and the topics the responder reads and writes. */
public final class KafkaSupport {

    /** Topics the responder uses; created (idempotently, with the prefix) at start. */
    public static final List<Topic<?, ?>> TOPICS = List.of(Topics.INCIDENTS, Topics.FINDINGS, Topics.DETECTIONS,
            Topics.REMEDIATION_ACTIONS, Topics.REMEDIATION_AUDIT, Topics.DLQ);

    private KafkaSupport() {
    }

    public static Map<String, Object> clientConfig(KafkaConfig config) {
        Map<String, Object> c = new HashMap<>(config.getProperties());
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.getBootstrapServers());
        return c;
    }

    /** The registry URL plus the pass-through properties, which carry the registry's credentials (basic.auth.user.info...). */
    public static Map<String, Object> serdeConfig(KafkaConfig config) {
        Map<String, Object> c = new HashMap<>(config.getProperties());
        c.put(SerdeConfig.URL, config.getSchemaRegistryUrl());
        return c;
    }
}
