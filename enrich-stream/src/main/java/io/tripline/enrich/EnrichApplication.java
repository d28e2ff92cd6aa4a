package io.tripline.enrich;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.core.serde.SerdeConfig;
import io.tripline.core.topic.TopicCreator;
import io.tripline.core.topic.Topics;
import io.tripline.enrich.detect.DetectionStages;
import io.tripline.enrich.incident.IncidentConfig;
import io.tripline.enrich.incident.IncidentStages;
import io.tripline.enrich.replay.Versions;
import io.tripline.enrich.topology.DetectionStage;
import io.tripline.enrich.topology.IncidentStage;
import io.tripline.enrich.topology.EnrichSettings;
import io.tripline.enrich.topology.EnrichTopology;

/**
 * {@code tripline enrich}: the enrich topology as a live Kafka Streams application with exactly-once v2.
 * It creates the topics it needs (idempotently), replaces a stream thread that dies of an uncaught
 * error, and closes cleanly on SIGTERM/SIGINT.
 */
public final class EnrichApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichApplication.class);
    static final String USAGE = "usage: tripline enrich [--config FILE]";

    private final KafkaStreams streams;

    private EnrichApplication(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Builds and starts the application. */
    public static EnrichApplication start(EnrichConfig config, DetectionStage detections) {
        return start(config, detections, null);
    }

    /** Builds and starts the application with an incident stage (null for none). */
    public static EnrichApplication start(EnrichConfig config, DetectionStage detections, IncidentStage incidents) {
        try (Admin client = Admin.create(adminConfig(config))) {
            new TopicCreator(client, config.replicationFactor()).ensure(Topics.all(), config.topicPrefix());
        }
        EnrichSettings settings = settings(config, detections, incidents);
        KafkaStreams streams = new KafkaStreams(EnrichTopology.build(settings), streamsConfig(config, settings));
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("stream thread failed; replacing it", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        LOG.info("enrich application {} started on {}", config.applicationId(), config.bootstrapServers());
        return new EnrichApplication(streams);
    }

    /** The topology's settings; the pass-through {@code kafka.*} carry the registry's credentials too (basic/bearer auth). */
    static EnrichSettings settings(EnrichConfig config, DetectionStage detections, IncidentStage incidents) {
        Map<String, Object> serde = new HashMap<>(config.kafka());
        serde.put(SerdeConfig.URL, config.schemaRegistryUrl());
        EnrichSettings settings = new EnrichSettings(serde, config.topicPrefix(), detections, incidents, Versions.current());
        return config.ocsf() ? settings : settings.withoutOcsf();
    }

    /** The admin client's settings: the pass-through {@code kafka.*} (TLS, SASL...) plus the bootstrap servers. */
    static Map<String, Object> adminConfig(EnrichConfig config) {
        Map<String, Object> admin = new HashMap<>(config.kafka());
        admin.put("bootstrap.servers", config.bootstrapServers());
        return admin;
    }

    /**
     * The Kafka Streams settings: the pass-through {@code kafka.*} over the topology's defaults; Streams hands the
     * client settings among them (security.protocol, sasl.*, ssl.*) to every consumer, producer and admin it creates.
     */
    static Properties streamsConfig(EnrichConfig config, EnrichSettings settings) {
        Map<String, Object> overrides = new HashMap<>(config.kafka());
        overrides.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
        return EnrichTopology.config(settings, config.applicationId(), config.bootstrapServers(), overrides);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(java.time.Duration.ofSeconds(30));
    }

    public static void main(String[] args) {
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                file = Path.of(args[++i]);
            } else if ("-h".equals(args[i]) || "--help".equals(args[i])) {
                System.out.println(USAGE);
                return;
            } else {
                System.err.println("tripline enrich: unknown argument '" + args[i] + "'");
                System.err.println(USAGE);
                System.exit(2);
            }
        }
        EnrichConfig config;
        try {
            config = EnrichConfig.load(file, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("tripline enrich: " + e.getMessage());
            System.exit(1);
            return;
        }
        EnrichApplication app;
        try {
            app = start(config, DetectionStages.fromRules(config.rulesDir(), config.placeholders(), config.suppression(),
                    LOG::warn), IncidentStages.standard(IncidentConfig.from(config.incident())));
        } catch (java.io.IOException | IllegalArgumentException e) {
            System.err.println("tripline enrich: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "enrich-stop"));
        System.out.println("enrich: running as " + config.applicationId() + " on " + config.bootstrapServers());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
