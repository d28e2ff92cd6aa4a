package io.tripline.enrich.replay;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.tripline.core.normalize.NormalizationException;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.normalize.SourceItem;
import io.tripline.core.normalize.SourceKind;
import io.tripline.core.normalize.SourceShapes;
import io.tripline.core.testing.Corpus;
import io.tripline.core.topic.Topic;
import io.tripline.core.topic.TopicCreator;
import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.stack.testing.SharedStack;

/**
 * Raw topics of a pipeline of one's own on the shared broker (a unique prefix per test), filled the way
 * ingest fills them: Avro against the registry, keyed by eventID / finding id, each record stamped with
 * its event time.
 */
final class RawTopicsFixture {

    static final SharedStack STACK = SharedStack.get();

    /** CloudTrail, GuardDuty and Security Hub corpus files of the mix (GuardDuty copies in ASFF included). */
    private static final List<String> MIX = List.of(
            "cloudtrail/awsdocs_cloudtrail_examples.jsonl", "cloudtrail/cloud_custodian_eventbridge_cloudtrail.jsonl",
            "cloudtrail/lookup_events_examples.jsonl", "cloudtrail/streamalert_rule_tests.jsonl",
            "cloudtrail/panther_rule_tests.jsonl",
            "guardduty/awscli_get_findings_example.jsonl", "guardduty/cartography_mock_getfindings.jsonl",
            "guardduty/cloud_custodian_eventbridge_guardduty.jsonl", "guardduty/guardduty_soar_eventbridge_samples.jsonl",
            "guardduty/panther_rule_tests.jsonl",
            "securityhub/awsdocs_guardduty_finding_in_asff.jsonl", "securityhub/awsdocs_securityhub_examples.jsonl",
            "securityhub/asr_eventbridge_events.jsonl", "securityhub/awscli_examples.jsonl",
            "securityhub/cloud_custodian_eventbridge_securityhub.jsonl", "securityhub/panther_rule_tests.jsonl");

    final String prefix;

    RawTopicsFixture(String name) {
        prefix = SharedStack.uniqueName(name) + ".";
        try (Admin admin = STACK.admin()) {
            new TopicCreator(admin, (short) 1).ensure(List.of(Topics.RAW_GUARDDUTY, Topics.RAW_SECURITYHUB,
                    Topics.RAW_CLOUDTRAIL), prefix);
        }
    }

    /**
     * The corpus mix, normalized through the same doors as ingest, re-timed to start at {@code start} one
     * {@code step} apart in corpus order (the corpus spans years; a pipeline sees minutes to days), as a
     * scenario's records would be.
     */
    static List<ReplayRecord> corpusMix(Instant start, Duration step) {
        Normalizers normalizers = new Normalizers();
        List<ReplayRecord> out = new ArrayList<>();
        Instant time = start;
        for (String file : MIX) {
            for (Corpus.Line line : Corpus.lines(file)) {
                List<SourceItem> items;
                try {
                    items = SourceShapes.unwrap(line.json());
                } catch (NormalizationException e) {
                    continue;
                }
                for (SourceItem item : items) {
                    SpecificRecord record;
                    try {
                        record = normalizers.normalize(item);
                    } catch (NormalizationException e) {
                        continue;
                    }
                    out.add(ReplayRecord.of(item.kind(), at(record, time)));
                    time = time.plus(step);
                }
            }
        }
        return out;
    }

    /** The record with its event time (eventTime or updatedAt) set to {@code time}. */
    static SpecificRecord at(SpecificRecord record, Instant time) {
        if (record instanceof TrailEvent event) {
            return TrailEvent.newBuilder(event).setEventTime(time).build();
        }
        return SecurityFinding.newBuilder((SecurityFinding) record).setUpdatedAt(time).build();
    }

    /** Produces the records in the given order, each to its raw topic with its event time as timestamp. */
    void produce(List<ReplayRecord> records) throws Exception {
        produce(records, Duration.ZERO);
    }

    /** The same, pausing between records as a live source would (the enrich app sees them arrive over time). */
    void produce(List<ReplayRecord> records, Duration pause) throws Exception {
        Map<String, Object> serde = STACK.serdeConfig();
        Serializer<SecurityFinding> findings = Topics.RAW_GUARDDUTY.valueSerde(serde).serializer();
        Serializer<TrailEvent> trail = Topics.RAW_CLOUDTRAIL.valueSerde(serde).serializer();
        Map<String, Object> config = STACK.clientConfig();
        config.put("acks", "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (ReplayRecord record : records) {
                String topic = prefix + topic(record.kind()).name();
                byte[] value = record.value() instanceof TrailEvent event ? trail.serialize(topic, event)
                        : findings.serialize(topic, (SecurityFinding) record.value());
                producer.send(new ProducerRecord<>(topic, null, record.eventTime().toEpochMilli(), record.key(), value));
                if (!pause.isZero()) {
                    Thread.sleep(pause.toMillis());
                }
            }
            producer.flush();
        }
    }

    static Topic<String, ?> topic(SourceKind kind) {
        return switch (kind) {
            case GUARDDUTY -> Topics.RAW_GUARDDUTY;
            case SECURITYHUB -> Topics.RAW_SECURITYHUB;
            case CLOUDTRAIL -> Topics.RAW_CLOUDTRAIL;
        };
    }

    /** A start time recent enough for the raw topics' 7-day retention, on a whole second. */
    static Instant recentStart(Duration before) {
        return Instant.now().minus(before).truncatedTo(ChronoUnit.SECONDS);
    }

    /** The common arguments of a topic replay of this fixture over [from, to). */
    List<String> args(Instant from, Instant to) {
        return new ArrayList<>(List.of("--bootstrap-servers", STACK.bootstrapServers(), "--schema-registry-url",
                STACK.registryUrl(), "--topic-prefix", prefix, "--from", from.toString(), "--to", to.toString()));
    }

    record Run(int code, String stdout, String stderr) {
    }

    static Run replay(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReplayMain.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
