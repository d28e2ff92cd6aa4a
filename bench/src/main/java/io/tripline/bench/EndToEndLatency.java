package io.tripline.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.TopicCreator;
import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.TrailEvent;

/**
 * End-to-end latency: ingest, enrich and respond run as separate JVMs ({@link ServiceFleet}); the bench plays
 * ingest's part on the raw CloudTrail topic at a fixed rate. Most records are background traffic that opens no
 * incident; one in {@link #TRIGGER_EVERY} is a StopLogging call in an account of its own, which opens an
 * incident the trail-tampering playbook decides on. A trigger's latency runs from its append to the raw
 * topic (the record timestamp, taken when it is sent) to the first ledger record the responder commits for
 * its account. Triggers sent during the warm-up are not counted; a trigger without a decision within the
 * grace after the load ends counts as missing and is reported, never dropped silently.
 */
final class EndToEndLatency {

    static final int RATE = 5_000;
    static final int TRIGGER_EVERY = 250;
    private static final int WARMUP_SECONDS = 5;
    private static final long GRACE_MILLIS = 60_000;
    private static final long READY_TIMEOUT_MILLIS = 180_000;

    private final String bootstrap;
    private final Map<String, Object> serde;
    private final TrailEventGenerator generator;
    private final Normalizers normalizers = new Normalizers();
    private final Serializer<TrailEvent> serializer;
    private int triggers;

    private EndToEndLatency(String bootstrap, String registry) {
        this.bootstrap = bootstrap;
        this.serde = Map.of(SerdeConfig.URL, registry);
        this.generator = TrailEventGenerator.background(7, 5_000, Instant.now(), RATE);
        this.serializer = Topics.RAW_CLOUDTRAIL.valueSerde(serde).serializer();
    }

    /**
     * Runs the services for {@code seconds} of measured load (after a warm-up) and returns the latency
     * percentiles, what was sent and decided, and each service's resident memory after the load.
     */
    static Map<String, Object> measure(Admin admin, Path root, Path dir, String bootstrap, String registry, int seconds)
            throws Exception {
        new TopicCreator(admin, (short) 1).ensure(Topics.all());
        EndToEndLatency run = new EndToEndLatency(bootstrap, registry);
        List<Prepared> background = run.background(RATE * (WARMUP_SECONDS + seconds));
        try (ServiceFleet fleet = ServiceFleet.start(root, dir, bootstrap, registry);
             DecisionWatcher decisions = new DecisionWatcher(bootstrap, run.serde);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                     "linger.ms", 5, "acks", "all", "enable.idempotence", true), new StringSerializer(), new ByteArraySerializer())) {
            run.awaitPipeline(fleet, producer, decisions);
            long loadStart = System.nanoTime();
            Map<String, Long> sent = run.load(fleet, producer, background, seconds);
            double achieved = background.size() / ((System.nanoTime() - loadStart) / 1e9);
            long loadEnd = System.currentTimeMillis();
            while (System.currentTimeMillis() < loadEnd + GRACE_MILLIS && !sent.keySet().stream().allMatch(a -> decisions.decidedAt(a) != null)) {
                fleet.checkAlive();
                Thread.sleep(200);
            }
            List<Double> latencies = new ArrayList<>();
            List<Double> toIncident = new ArrayList<>();
            sent.forEach((account, at) -> {
                Long decided = decisions.decidedAt(account);
                Long incident = decisions.incidentAt(account);
                if (decided != null) {
                    latencies.add((double) (decided - at));
                }
                if (incident != null) {
                    toIncident.add((double) (incident - at));
                }
            });
            if (latencies.isEmpty()) {
                throw new IllegalStateException("no trigger of the measured period was decided within "
                        + GRACE_MILLIS / 1000 + " s; see the service logs in " + dir.resolve("logs"));
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("e2e_p50_ms", Stats.percentile(latencies, 50));
            figures.put("e2e_p99_ms", Stats.percentile(latencies, 99));
            figures.put("e2e_max_ms", Stats.percentile(latencies, 100));
            // Where the time goes: from the raw topic to the incident being readable (enrich and its commits).
            figures.put("e2e_incident_p50_ms", Stats.percentile(toIncident, 50));
            figures.put("e2e_incident_p99_ms", Stats.percentile(toIncident, 99));
            figures.put("e2e_rate_rps", achieved);
            figures.put("e2e_seconds", seconds);
            figures.put("e2e_triggers", sent.size());
            figures.put("e2e_decided", latencies.size());
            figures.put("rss_mb", fleet.rssMegabytes());
            return figures;
        }
    }

    /** Background records, serialized ahead so that sending them costs the bench as little as possible. */
    private List<Prepared> background(int count) {
        List<Prepared> out = new ArrayList<>(count);
        for (String json : generator.records(count)) {
            TrailEvent event = normalizers.cloudTrail().normalize(Json.parse(json));
            out.add(new Prepared(event.getEventId(), serializer.serialize(Topics.RAW_CLOUDTRAIL.name(), event)));
        }
        return out;
    }

    /** A background record ready to send, keyed by its eventID as ingest keys them. */
    private record Prepared(String key, byte[] value) {
    }

    /** One trigger a second until the first decision shows that every service is up and consuming. */
    private void awaitPipeline(ServiceFleet fleet, KafkaProducer<String, byte[]> producer, DecisionWatcher decisions)
            throws Exception {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        List<String> accounts = new ArrayList<>();
        while (accounts.stream().noneMatch(a -> decisions.decidedAt(a) != null)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the services decided nothing within " + READY_TIMEOUT_MILLIS / 1000 + " s");
            }
            fleet.checkAlive();
            accounts.add(sendTrigger(producer, System.currentTimeMillis()));
            producer.flush();
            Thread.sleep(1000);
        }
    }

    /**
     * Sends the background records at {@link #RATE} per second, replacing one in {@link #TRIGGER_EVERY} with
     * a trigger; returns the send time of each trigger after the warm-up, by its account.
     */
    private Map<String, Long> load(ServiceFleet fleet, KafkaProducer<String, byte[]> producer, List<Prepared> background,
                                   int seconds) throws Exception {
        Map<String, Long> measured = new LinkedHashMap<>();
        long start = System.nanoTime();
        long warmupRecords = (long) RATE * WARMUP_SECONDS;
        int sent = 0;
        String topic = Topics.RAW_CLOUDTRAIL.name();
        while (sent < background.size()) {
            long due = Math.min(background.size(), (System.nanoTime() - start) * RATE / TimeUnit.SECONDS.toNanos(1));
            for (; sent < due; sent++) {
                long now = System.currentTimeMillis();
                if (sent % TRIGGER_EVERY == TRIGGER_EVERY - 1) {
                    String account = sendTrigger(producer, now);
                    if (sent >= warmupRecords) {
                        measured.put(account, now);
                    }
                } else {
                    Prepared record = background.get(sent);
                    producer.send(new ProducerRecord<>(topic, null, now, record.key(), record.value()));
                }
            }
            fleet.checkAlive();
            Thread.sleep(2);
        }
        producer.flush();
        return measured;
    }

    /** A StopLogging call in a fresh account, appended at {@code now}; returns the account. */
    private String sendTrigger(KafkaProducer<String, byte[]> producer, long now) {
        String account = String.format("9%011d", ++triggers);
        TrailEvent event = normalizers.cloudTrail().normalize(Json.parse(
                generator.stopLogging(account, Instant.ofEpochMilli(now), 0x7f000000 + triggers)));
        String topic = Topics.RAW_CLOUDTRAIL.name();
        producer.send(new ProducerRecord<>(topic, null, now, event.getEventId(), serializer.serialize(topic, event)));
        return account;
    }
}
