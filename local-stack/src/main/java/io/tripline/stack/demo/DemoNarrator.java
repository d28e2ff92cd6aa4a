package io.tripline.stack.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import io.tripline.core.topic.Topic;
import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.DeadLetter;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.RemediationAction;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;

/**
 * Reads every pipeline topic (read_committed, like a SIEM would) and tells the story as it happens:
 * signals ingested, detections, incidents with score and top factors, actions and their states.
 */
final class DemoNarrator implements Runnable {

    private final String bootstrapServers;
    private final Map<String, Object> serde;
    private final DemoState state;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Deserializer<?>> deserializers = new java.util.HashMap<>();

    DemoNarrator(String bootstrapServers, Map<String, Object> serde, DemoState state, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.serde = serde;
        this.state = state;
        this.out = out;
    }

    void stop() {
        running.set(false);
    }

    @Override
    public void run() {
        List<Topic<?, ?>> topics = List.of(Topics.RAW_GUARDDUTY, Topics.RAW_SECURITYHUB, Topics.RAW_CLOUDTRAIL,
                Topics.DETECTIONS, Topics.INCIDENTS, Topics.REMEDIATION_ACTIONS, Topics.OCSF, Topics.DLQ);
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers, "group.id", "tripline-demo-narrator",
                "auto.offset.reset", "earliest", "isolation.level", "read_committed", "enable.auto.commit", false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(topics.stream().map(Topic::name).collect(Collectors.toSet()));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    tell(record);
                }
            }
        }
    }

    private void tell(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        if (record.value() == null) {
            return;
        }
        if (topic.equals(Topics.RAW_GUARDDUTY.name()) || topic.equals(Topics.RAW_SECURITYHUB.name())) {
            SecurityFinding f = value(Topics.RAW_GUARDDUTY, topic, record.value());
            String source = topic.equals(Topics.RAW_GUARDDUTY.name()) ? "guardduty" : "securityhub";
            state.signal(source);
            String resource = f.getResources().isEmpty() ? f.getAccountId() : f.getResources().get(0).getId();
            line("signal", String.format("%-11s %s on %s (%s, count %d)%s", source, f.getTypes().isEmpty() ? f.getTitle()
                    : f.getTypes().get(0), resource, f.getSeverity().getLabel(), f.getCount(),
                    f.getSecurityHubCopy() ? " [Security Hub copy]" : ""));
        } else if (topic.equals(Topics.RAW_CLOUDTRAIL.name())) {
            TrailEvent e = value(Topics.RAW_CLOUDTRAIL, topic, record.value());
            state.signal("cloudtrail");
            line("signal", String.format("%-11s %s by %s from %s", "cloudtrail", e.getEventName(),
                    e.getUserIdentity().getArn(), e.getSourceIpAddress()));
        } else if (topic.equals(Topics.DETECTIONS.name())) {
            Detection d = value(Topics.DETECTIONS, topic, record.value());
            state.detection(d);
            line("detection", d.getRuleTitle() + " (" + d.getLevel() + ") on " + d.getEntity().getId()
                    + (d.getCorrelation() == null ? "" : " [" + d.getCorrelation() + ", " + d.getEvidence().size() + " events]"));
        } else if (topic.equals(Topics.INCIDENTS.name())) {
            Incident i = value(Topics.INCIDENTS, topic, record.value());
            state.incident(i);
            String factors = i.getFactors().stream().sorted((a, b) -> Integer.compare(b.getPoints(), a.getPoints())).limit(3)
                    .map(f -> f.getName() + " +" + f.getPoints()).collect(Collectors.joining(", "));
            line("incident", i.getStatus() + " " + shortId(i.getIncidentId()) + " score " + i.getRiskScore() + " "
                    + i.getRiskLevel() + ": " + i.getTitle() + " (" + factors + ")");
        } else if (topic.equals(Topics.REMEDIATION_ACTIONS.name())) {
            RemediationAction a = value(Topics.REMEDIATION_ACTIONS, topic, record.value());
            state.action(a);
            line("action", a.getActionType() + " " + a.getTarget() + " " + a.getState()
                    + (Boolean.TRUE.equals(a.getVerified()) ? " (verified)" : "")
                    + (a.getReason() == null ? "" : " - " + a.getReason()));
        } else if (topic.equals(Topics.OCSF.name())) {
            state.ocsf();
        } else if (topic.equals(Topics.DLQ.name())) {
            DeadLetter letter = value(Topics.DLQ, topic, record.value());
            state.deadLetter();
            line("dead-letter", letter.getStage() + ": " + letter.getReason());
        }
    }

    void notification(int count, String queue) {
        line("notify", "SNS notification #" + count + " arrived in SQS queue " + queue);
    }

    void line(String kind, String text) {
        double seconds = (System.nanoTime() - started) / 1e9;
        synchronized (out) {
            out.printf("[%6.1fs] %-11s %s%n", seconds, kind, text);
            out.flush();
        }
    }

    @SuppressWarnings("unchecked")
    private <V> V value(Topic<?, V> topic, String name, byte[] bytes) {
        Deserializer<V> deserializer = (Deserializer<V>) deserializers.computeIfAbsent(topic.name(),
                k -> topic.valueSerde(serde).deserializer());
        return deserializer.deserialize(name, bytes);
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
