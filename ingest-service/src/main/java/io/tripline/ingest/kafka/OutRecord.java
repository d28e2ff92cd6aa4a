package io.tripline.ingest.kafka;

import io.tripline.core.topic.Topic;

/**
 * One record to publish: the declared topic (the publisher applies the configured prefix), key and
 * value, plus the id a log line should carry (finding id, eventID).
 */
public record OutRecord<K, V>(Topic<K, V> topic, K key, V value, String logId) {
}
