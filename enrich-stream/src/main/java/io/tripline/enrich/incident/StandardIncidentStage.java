package io.tripline.enrich.incident;


import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import io.tripline.enrich.topology.EnrichSettings;
import io.tripline.enrich.topology.FindingVersion;
import io.tripline.enrich.topology.IncidentStage;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.TrailEvent;

/**
 * The incident stage: findings, detections and catalogue CloudTrail events become {@link Signal}s,
 * are repartitioned by account (every entity of an account, and the links between them, live in one
 * task, which is what lets a security group or an account-wide StopLogging join an instance's or a
 * bucket's incident) and correlated by {@link IncidentProcessor}.
 */
final class StandardIncidentStage implements IncidentStage {

    private final IncidentSettings incidentSettings;
    private final int cacheEntries;

    StandardIncidentStage(IncidentSettings incidentSettings) {
        this(incidentSettings, IncidentStores.CACHE_ENTRIES);
    }

    /** With a given size of the processor's state cache; tests use 0 to exercise the stores alone. */
    StandardIncidentStage(IncidentSettings incidentSettings, int cacheEntries) {
        this.incidentSettings = incidentSettings;
        this.cacheEntries = cacheEntries;
    }

    @Override
    public IncidentOutputs apply(StreamsBuilder builder, KStream<String, FindingVersion> findings,
                                 KStream<String, Detection> detections, KStream<String, TrailEvent> events,
                                 EnrichSettings settings) {
        Serde<Signal> signalSerde = SignalCodec.serde();
        builder.addStateStore(Stores.keyValueStoreBuilder(settings.keyValueStore(IncidentStores.STATE_STORE),
                Serdes.String(), IncidentStateCodec.serde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(settings.keyValueStore(IncidentStores.SIGNAL_STORE),
                Serdes.String(), signalSerde).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(settings.keyValueStore(IncidentStores.LINK_STORE),
                Serdes.String(), Serdes.String()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(settings.keyValueStore(IncidentStores.DUE_STORE),
                Serdes.String(), Serdes.String()).withCachingEnabled());
        String version = settings.version();
        KStream<String, IncidentChange> changes = signalsByAccount(findings, detections, events, incidentSettings)
                .process(() -> new IncidentProcessor(incidentSettings, version, cacheEntries, settings.ocsf()),
                        Named.as("incident-correlate"),
                        IncidentStores.STATE_STORE, IncidentStores.SIGNAL_STORE, IncidentStores.LINK_STORE,
                        IncidentStores.DUE_STORE);
        return new IncidentOutputs(
                changes.mapValues(IncidentChange::incident, Named.as("incident-record")),
                changes.mapValues(IncidentChange::ocsf, Named.as("incident-ocsf")));
    }

    /**
     * Every signal of the stage's input (activity findings, catalogue CloudTrail calls, detections), stamped with the
     * partition it was built from ({@link SignalOrigin}) and repartitioned by account: the stream the correlation reads.
     */
    static KStream<String, Signal> signalsByAccount(KStream<String, FindingVersion> findings, KStream<String, Detection> detections,
                                                    KStream<String, TrailEvent> events, IncidentSettings incidentSettings) {
        TrailSignals trail = new TrailSignals(incidentSettings.internalCidrs());
        KStream<String, Signal> signals = findings
                .filter((key, version) -> FindingSignals.isActivity(version), Named.as("incident-activity-findings"))
                .mapValues(FindingSignals::of, Named.as("incident-signal-finding"))
                .merge(events.flatMapValues(event -> trail.of(event).stream().toList(), Named.as("incident-signal-cloudtrail")),
                        Named.as("incident-merge-cloudtrail"));
        if (detections != null) {
            signals = signals.merge(detections.mapValues(DetectionSignals::of, Named.as("incident-signal-detection")),
                    Named.as("incident-merge-detections"));
        }
        return signals
                .processValues(SignalOrigin::new, Named.as("incident-signal-origin"))
                .selectKey((key, signal) -> signal.accountId(), Named.as("incident-key-by-account"))
                .repartition(Repartitioned.with(Serdes.String(), SignalCodec.serde()).withName("incident-signals-by-account"));
    }
}
