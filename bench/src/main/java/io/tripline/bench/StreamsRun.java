package io.tripline.bench;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Runs one Kafka Streams application over records already on its input topic and measures its
 * throughput from the first committed progress to the last: start-up and rebalancing are not counted,
 * so a pass-through and the enrich topology are compared on their processing alone.
 */
final class StreamsRun {

    private StreamsRun() {
    }

    /** Records per second processed from {@code inputTopic} by {@code topology}. */
    static double measure(Admin admin, String inputTopic, Topology topology, Properties props) throws Exception {
        return measure(admin, Set.of(inputTopic), topology, props);
    }

    /** Records per second processed from all of {@code inputTopics} together by {@code topology}. */
    static double measure(Admin admin, Set<String> inputTopics, Topology topology, Properties props) throws Exception {
        return measure(admin, inputTopics, topology, props, streams -> { });
    }

    /** The same, handing the application to {@code atEnd} (to read its metrics) once the input is processed. */
    static double measure(Admin admin, Set<String> inputTopics, Topology topology, Properties props,
                          java.util.function.Consumer<KafkaStreams> atEnd) throws Exception {
        String group = props.getProperty("application.id");
        Set<TopicPartition> partitions = admin.describeTopics(inputTopics).allTopicNames().get(30, TimeUnit.SECONDS)
                .values().stream().flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                .collect(Collectors.toSet());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get(30, TimeUnit.SECONDS);
        long end = ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();

        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            long firstProgress = -1;
            long firstTime = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (System.nanoTime() < deadline) {
                long committed = committed(admin, group, partitions);
                long now = System.nanoTime();
                if (committed > 0 && firstProgress < 0) {
                    firstProgress = committed;
                    firstTime = now;
                }
                // Done when the input is, and so is every repartition topic of the application: a multi-hop topology
                // (the correlation and incident stages) is not finished when its input offsets are committed.
                if (committed >= end && repartitionsDrained(admin, group)) {
                    if (firstProgress >= end) {
                        throw new IllegalStateException("the run finished within one commit; use more records");
                    }
                    atEnd.accept(streams);
                    return (end - firstProgress) / ((now - firstTime) / 1e9);
                }
                if (streams.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("streams application failed");
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("the streams application did not finish within 10 minutes");
        } finally {
            Thread.sleep(100);
        }
    }

    /** Whether the application has committed every repartition topic of its own up to its end. */
    private static boolean repartitionsDrained(Admin admin, String group) throws Exception {
        Set<String> internal = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS)
                .stream().filter(t -> t.startsWith(group + "-") && t.endsWith("-repartition")).collect(Collectors.toSet());
        if (internal.isEmpty()) {
            return true;
        }
        Set<TopicPartition> partitions = admin.describeTopics(internal).allTopicNames().get(30, TimeUnit.SECONDS)
                .values().stream().flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                .collect(Collectors.toSet());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata at = offsets.get(partition);
            if ((at == null ? 0 : at.offset()) < ends.get(partition).offset()) {
                return false;
            }
        }
        return true;
    }

    private static long committed(Admin admin, String group, Set<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return partitions.stream().map(offsets::get).filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }
}
