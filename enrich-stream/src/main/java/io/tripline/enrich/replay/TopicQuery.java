package io.tripline.enrich.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.tripline.core.topic.Topic;
import io.tripline.core.topic.Topics;

/**
 * What a topic replay reads: the raw topics (with an optional name prefix) on a cluster, the event-time
 * range [from, to), the filter, and how to reach the broker and the schema registry.
 *
 * @param bootstrapServers  the Kafka cluster
 * @param schemaRegistryUrl the registry the raw topics' Avro schemas live in
 * @param topicPrefix       prepended to the raw topics' names (empty in production)
 * @param from              first event time replayed (inclusive)
 * @param to                end of the range (exclusive)
 * @param maxLateness       how long after {@code to} a record of the range may still have been written
 *                          (CloudTrail arrives minutes late, GuardDuty updates hours late): reading stops
 *                          at the first record stamped later than {@code to + maxLateness}
 * @param filter            which records to keep
 * @param clientConfig      extra client settings (security, registry credentials) for consumer, producer and admin
 */
public record TopicQuery(String bootstrapServers, String schemaRegistryUrl, String topicPrefix, Instant from, Instant to,
                         Duration maxLateness, ReplayFilter filter, Map<String, Object> clientConfig) {

    /** The raw topics a replay reads, declared order. */
    public static final List<Topic<?, ?>> RAW_TOPICS = List.of(Topics.RAW_GUARDDUTY, Topics.RAW_SECURITYHUB, Topics.RAW_CLOUDTRAIL);

    public TopicQuery {
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        clientConfig = Map.copyOf(clientConfig);
    }

    public String topic(Topic<?, ?> topic) {
        return topicPrefix + topic.name();
    }

    /**
     * The query in one line, for the {@code tripline.replay.source} header and the summary: which topics,
     * which range, which filter.
     */
    public String describe() {
        String filters = filter.describe();
        return "topics=" + String.join(",", RAW_TOPICS.stream().map(this::topic).toList())
                + " from=" + from + " to=" + to + (filters.isEmpty() ? "" : " " + filters);
    }
}
