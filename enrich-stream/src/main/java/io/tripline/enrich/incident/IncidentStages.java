package io.tripline.enrich.incident;

import io.tripline.enrich.topology.IncidentStage;

/**
 * Builds the incident stage the enrich application and the replay engine plug into
 * {@code EnrichSettings}: event-time correlation per entity, attack-chain recognition, lifecycle and
 * the risk model of docs/scoring.md.
 */
public final class IncidentStages {

    /** The Kafka Streams metrics group of the stage's counts of signals, late signals and dropped late signals. */
    public static final String METRICS_GROUP = LateSignalMetrics.GROUP;

    private IncidentStages() {
    }

    /** The stage with the given settings. */
    public static IncidentStage standard(IncidentSettings settings) {
        return new StandardIncidentStage(settings);
    }

    /**
     * Not a product stage: the signals of {@link #standard(IncidentSettings)}, repartitioned by account and stored,
     * with no correlation and no output; {@code tripline bench} measures it as the most the real stage could reach.
     */
    public static IncidentStage floor(IncidentSettings settings) {
        return new FloorIncidentStage(settings);
    }

    /** The stage with {@link IncidentSettings#defaults()}. */
    public static IncidentStage standard() {
        return standard(IncidentSettings.defaults());
    }
}
