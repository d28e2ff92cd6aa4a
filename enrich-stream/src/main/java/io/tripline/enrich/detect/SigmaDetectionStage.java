package io.tripline.enrich.detect;

import java.util.Map;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import io.tripline.core.topic.Topics;
import io.tripline.enrich.sigma.RuleSet;
import io.tripline.enrich.topology.DetectionStage;
import io.tripline.enrich.topology.EnrichSettings;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.TrailEvent;

/**
 * The detection stage on Sigma rules: single-event rules evaluated per record (indexed, so the cost
 * does not grow with the rule count), correlation rules in event time after re-partitioning each
 * group's candidate events together. Repeated single-event hits are suppressed as {@link Suppression} says
 * (by default those of informational and low rules, per rule and entity, for an hour of event time).
 */
public final class SigmaDetectionStage implements DetectionStage {

    public static final String CORRELATION_STORE = "sigma-correlation-state";
    /** The Kafka Streams metric counting repeated hits suppressed, per task (group {@code stream-sigma-metrics}). */
    public static final String SUPPRESSED_METRIC = "suppressed-detections-total";

    private final RuleSet rules;
    private final MatchesAhead ahead;
    private final Suppression suppression;

    /** The stage with the default {@link Suppression} of repeated hits. */
    public SigmaDetectionStage(RuleSet rules) {
        this(rules, null, Suppression.defaults());
    }

    private SigmaDetectionStage(RuleSet rules, MatchesAhead ahead, Suppression suppression) {
        this.rules = rules;
        this.ahead = ahead;
        this.suppression = suppression;
    }

    public RuleSet rules() {
        return rules;
    }

    /**
     * The same stage, taking each record's single-event matches from {@code ahead} when they were worked out
     * there (a replay does so on another thread; see {@link MatchesAhead}).
     */
    public SigmaDetectionStage withMatchesAhead(MatchesAhead ahead) {
        return new SigmaDetectionStage(rules, ahead, suppression);
    }

    /** The same stage, suppressing repeated hits as {@code suppression} says ({@link Suppression#none()}: none). */
    public SigmaDetectionStage withSuppression(Suppression suppression) {
        return new SigmaDetectionStage(rules, ahead, suppression);
    }

    public Suppression suppression() {
        return suppression;
    }

    /**
     * Repeated hits suppressed so far, summed over the tasks of an application or test driver whose metrics these
     * are ({@link #SUPPRESSED_METRIC}; 0 when nothing suppresses).
     */
    public static long suppressedHits(Map<MetricName, ? extends Metric> metrics) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
            if (metric.getKey().name().equals(SUPPRESSED_METRIC)) {
                total += ((Number) metric.getValue().metricValue()).doubleValue();
            }
        }
        return (long) total;
    }

    @Override
    public KStream<String, Detection> apply(StreamsBuilder builder, KStream<String, TrailEvent> events, EnrichSettings settings) {
        String[] stores = {};
        if (suppression.active()) {
            // In memory with a changelog: read on every suppressible hit, and small (purged after two windows).
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RepeatedHits.STORE),
                    Serdes.String(), Serdes.Long()));
            stores = new String[] {RepeatedHits.STORE};
        }
        Map<String, KStream<String, SigmaOutput>> branches = events
                .process(() -> new SigmaMatchProcessor(rules, ahead, suppression), Named.as("sigma-match"), stores)
                .split(Named.as("sigma-"))
                .branch((key, output) -> output.isDetection(), Branched.as("single"))
                .defaultBranch(Branched.as("candidate"));
        KStream<String, Detection> single = branches.get("sigma-single")
                .mapValues(SigmaOutput::detection, Named.as("sigma-single-detection"));
        if (rules.correlations().isEmpty()) {
            return single;
        }
        Serde<TrailEvent> eventSerde = Topics.RAW_CLOUDTRAIL.valueSerde(settings.serdeSettings());
        builder.addStateStore(Stores.keyValueStoreBuilder(settings.keyValueStore(CORRELATION_STORE),
                Serdes.String(), Serdes.String()));
        KStream<String, Detection> correlated = branches.get("sigma-candidate")
                .mapValues(SigmaOutput::candidate, Named.as("sigma-candidate-event"))
                .repartition(Repartitioned.with(Serdes.String(), eventSerde).withName("sigma-correlation-groups"))
                .process(() -> new SigmaCorrelationProcessor(rules, CORRELATION_STORE), Named.as("sigma-correlate"),
                        CORRELATION_STORE);
        return single.merge(correlated, Named.as("sigma-detections"));
    }
}
