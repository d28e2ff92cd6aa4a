package io.tripline.enrich.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.EnrichApplication;
import io.tripline.enrich.EnrichConfig;
import io.tripline.enrich.detect.DetectionStages;
import io.tripline.enrich.incident.IncidentConfig;
import io.tripline.enrich.incident.IncidentStages;
import io.tripline.stack.testing.SharedStack;

/**
 * Issue 8's promise: replaying the raw topics gives the OCSF the live application published. The live
 * app runs as in the demo (exactly-once v2, incidents open one minute of stream time after their first
 * opening signal) on the real broker while a realistic mix of CloudTrail, GuardDuty and Security Hub
 * records arrives; the replay then reads the same topics over the same range, given the live app's
 * configuration file. docs/replay.md, "Live and replay", explains the differences allowed here: the order
 * across partitions, how many versions of an incident were published on the way, and the incidents the
 * live app had not opened yet when its input ended.
 */
class ReplayMatchesLiveIT {

    private static final Duration STEP = Duration.ofSeconds(2);
    private static final Duration OPEN_DELAY = Duration.ofMinutes(1);
    /** The incident processor's stream-time punctuation interval: an open is due at the first tick past the delay. */
    private static final Duration PUNCTUATION = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    @Test
    void shouldReproduceTheLiveRunsOcsfFromTheRawTopics() throws Exception {
        RawTopicsFixture topics = new RawTopicsFixture("replay-live");
        Instant start = RawTopicsFixture.recentStart(Duration.ofHours(2));
        List<ReplayRecord> records = RawTopicsFixture.corpusMix(start, STEP);
        Instant lastEvent = records.get(records.size() - 1).eventTime();
        Instant end = lastEvent.plusSeconds(1);

        // The live application's configuration file, as the demo writes it; the replay is given the same file.
        Path enrichConfig = dir.resolve("enrich.properties");
        Files.writeString(enrichConfig, String.join("\n",
                "tripline.enrich.application-id=" + SharedStack.uniqueName("replay-live-app"),
                "tripline.enrich.bootstrap-servers=" + RawTopicsFixture.STACK.bootstrapServers(),
                "tripline.enrich.schema-registry-url=" + RawTopicsFixture.STACK.registryUrl(),
                "tripline.enrich.topic-prefix=" + topics.prefix,
                "tripline.enrich.incident.open-delay=1m",
                "kafka.state.dir=" + Files.createTempDirectory(dir, "state"),
                "kafka.commit.interval.ms=200", ""));
        EnrichConfig config = EnrichConfig.load(enrichConfig, Map.of());
        List<String> live;
        List<String> replay;
        try (EnrichApplication app = EnrichApplication.start(config, DetectionStages.fromRules(null, Map.of(), w -> { }),
                IncidentStages.standard(IncidentConfig.from(config.incident())))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (app.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            // Records arrive as from ingest, a little at a time, so the live app sees them close to event-time order.
            topics.produce(records, Duration.ofMillis(40));

            List<String> args = topics.args(start, end);
            args.addAll(List.of("--enrich-config", enrichConfig.toString(), "--out", dir.resolve("replay.jsonl").toString()));
            RawTopicsFixture.Run run = RawTopicsFixture.replay(args);
            assertThat(run.code()).as(run.stderr()).isZero();
            assertThat(run.stderr()).contains("replay: " + records.size() + " values read, " + records.size() + " events replayed");
            replay = Files.readAllLines(dir.resolve("replay.jsonl"));
            long expectedNonIncidents = replay.stream().filter(l -> !isIncident(l)).count();
            live = readCommitted(topics.prefix + Topics.OCSF.name(),
                    out -> out.stream().filter(l -> !isIncident(l)).count() >= expectedNonIncidents);
        }

        // Both outputs stay in target/ for whoever has to read a failure.
        Path keep = Files.createDirectories(Path.of("target", "replay-matches-live"));
        Files.write(keep.resolve("live.jsonl"), live);
        Files.write(keep.resolve("replay.jsonl"), replay);

        assertThat(replay).hasSizeGreaterThan(50);
        assertThat(live.stream().filter(ReplayMatchesLiveIT::isIncident)).isNotEmpty();
        assertThat(replay.stream().filter(l -> !isIncident(l))).isNotEmpty();

        // Findings and detections: the very same records, byte for byte (as a multiset: the live topic has
        // three partitions, so only the order within a key is defined).
        Map<String, List<String>> liveByUid = byUid(live.stream().filter(l -> !isIncident(l)).toList());
        Map<String, List<String>> replayByUid = byUid(replay.stream().filter(l -> !isIncident(l)).toList());
        assertThat(liveByUid.keySet()).as("metadata.uid of findings and detections, live vs replay")
                .containsExactlyInAnyOrderElementsOf(replayByUid.keySet());
        replayByUid.forEach((uid, lines) -> assertThat(liveByUid.get(uid)).as("OCSF of %s", uid)
                .containsExactlyInAnyOrderElementsOf(lines));

        // Incidents: the same ids and the same final state. The intermediate versions may differ where the
        // stream-time tick that opens an incident fell at another moment live (one task per partition, records
        // arriving across partitions) than in the replay (one task, event-time order). The live app has not
        // opened the incidents whose open delay had not passed when its input ended; the replay has.
        Map<String, JsonNode> liveIncidents = latestIncidents(live);
        Map<String, JsonNode> replayIncidents = latestIncidents(replay);
        assertThat(replayIncidents.keySet()).containsAll(liveIncidents.keySet());
        liveIncidents.forEach((id, incident) -> assertThat(withoutVersion(incident)).as("final state of %s", id)
                .isEqualTo(withoutVersion(replayIncidents.get(id))));
        long tail = lastEvent.minus(OPEN_DELAY).minus(PUNCTUATION).minus(PUNCTUATION).toEpochMilli();
        replayIncidents.forEach((id, incident) -> {
            if (!liveIncidents.containsKey(id)) {
                assertThat(incident.path("finding_info").path("last_seen_time").asLong())
                        .as("%s, only in the replay, has signals within the open delay of the end", id).isGreaterThan(tail);
            }
        });
    }

    private static boolean isIncident(String line) {
        return Json.parse(line).path("finding_info").path("uid").asText().startsWith("inc-");
    }

    /** The highest version of each incident, by incident id. */
    private static Map<String, JsonNode> latestIncidents(List<String> lines) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (String line : lines) {
            JsonNode node = Json.parse(line);
            String id = node.path("finding_info").path("uid").asText();
            if (id.startsWith("inc-")) {
                JsonNode current = out.get(id);
                if (current == null || version(node) > version(current)) {
                    out.put(id, node);
                }
            }
        }
        return out;
    }

    private static int version(JsonNode incident) {
        String uid = incident.path("metadata").path("uid").asText();
        return Integer.parseInt(uid.substring(uid.lastIndexOf('@') + 1));
    }

    /** The incident without what counts its versions: metadata.uid (id@version), unmapped.incident_version, Create-vs-Update. */
    private static JsonNode withoutVersion(JsonNode incident) {
        ObjectNode copy = incident.deepCopy();
        ((ObjectNode) copy.path("metadata")).remove("uid");
        ((ObjectNode) copy.path("unmapped")).remove("incident_version");
        copy.remove(List.of("activity_id", "activity_name", "type_uid", "type_name"));
        return copy;
    }

    /** Live OCSF across the topic's partitions, read_committed, until {@code complete} and then 5 s without anything new. */
    private static List<String> readCommitted(String topic, Predicate<List<String>> complete) {
        Map<String, Object> config = RawTopicsFixture.STACK.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, SharedStack.uniqueName("replay-live-check"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                int before = out.size();
                consumer.poll(Duration.ofMillis(300)).forEach(r -> out.add(r.value()));
                if (complete.test(out) && (settleUntil == Long.MAX_VALUE || out.size() > before)) {
                    settleUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
            }
        }
        return out;
    }

    private static Map<String, List<String>> byUid(List<String> lines) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String line : lines) {
            out.computeIfAbsent(Json.parse(line).path("metadata").path("uid").asText(), k -> new ArrayList<>()).add(line);
        }
        return out;
    }
}
