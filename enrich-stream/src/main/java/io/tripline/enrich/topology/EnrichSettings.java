package io.tripline.enrich.topology;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

import io.tripline.core.topic.Topic;

/**
 * What the topology needs to be built: serde settings (registry URL or an in-memory registry for
 * replay), a topic-name prefix (empty in production; tests and investigation replays use their own),
 * and the detection rules.
 *
 * @param serde        Avro serde settings, see {@code io.tripline.core.serde.SerdeConfig}
 * @param topicPrefix  prepended to every topic name
 * @param detections   the detection stage (rules and correlation), or null for none
 * @param incidents    the incident stage (correlation and scoring), or null for none
 * @param version      Tripline's version, written into OCSF metadata
 * @param ocsf         whether findings, detections and incidents are also published as OCSF on {@code tripline.ocsf}
 *                     (a deployment whose consumers read the Avro topics can leave it out)
 * @param stateOnHeap  whether the topology's key-value stores live on the heap rather than in RocksDB: for a replay,
 *                     whose state starts empty and is thrown away at the end (same stores, same contents, same order)
 */
public record EnrichSettings(Map<String, Object> serde, String topicPrefix, DetectionStage detections, IncidentStage incidents,
                             String version, boolean ocsf, boolean stateOnHeap) {

    public EnrichSettings {
        serde = Map.copyOf(Objects.requireNonNull(serde));
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        version = version == null ? "0.1.0" : version;
    }

    /** Settings with the stores in RocksDB. */
    public EnrichSettings(Map<String, Object> serde, String topicPrefix, DetectionStage detections, IncidentStage incidents,
                          String version, boolean ocsf) {
        this(serde, topicPrefix, detections, incidents, version, ocsf, false);
    }

    /** Settings that publish OCSF. */
    public EnrichSettings(Map<String, Object> serde, String topicPrefix, DetectionStage detections, IncidentStage incidents,
                          String version) {
        this(serde, topicPrefix, detections, incidents, version, true);
    }

    /** Settings without an incident stage. */
    public EnrichSettings(Map<String, Object> serde, String topicPrefix, DetectionStage detections, String version) {
        this(serde, topicPrefix, detections, null, version);
    }

    /** The same settings without the OCSF output. */
    public EnrichSettings withoutOcsf() {
        return new EnrichSettings(serde, topicPrefix, detections, incidents, version, false, stateOnHeap);
    }

    /** The same settings with the key-value stores on the heap (see {@code stateOnHeap}). */
    public EnrichSettings withStateOnHeap() {
        return new EnrichSettings(serde, topicPrefix, detections, incidents, version, ocsf, true);
    }

    /** Where the key-value store {@code name} keeps its data: RocksDB, or the heap when {@code stateOnHeap}. */
    public KeyValueBytesStoreSupplier keyValueStore(String name) {
        return stateOnHeap ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }

    public String topic(Topic<?, ?> topic) {
        return topicPrefix + topic.name();
    }

    public Map<String, Object> serdeSettings() {
        return new HashMap<>(serde);
    }
}
