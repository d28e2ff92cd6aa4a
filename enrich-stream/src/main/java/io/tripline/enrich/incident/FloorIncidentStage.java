package io.tripline.enrich.incident;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import io.tripline.enrich.topology.EnrichSettings;
import io.tripline.enrich.topology.FindingVersion;
import io.tripline.enrich.topology.IncidentStage;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.TrailEvent;

/**
 * A measuring stick for {@code tripline bench}, never a product stage: the least any correlation stage of this
 * design does before it correlates anything. It builds the same signals as {@link StandardIncidentStage},
 * repartitions them by account (entities of one account must meet in one task) and remembers each one in a
 * changelogged store (a signal must outlive a crash to be joined within its window and grace), then publishes
 * nothing. Its rate against a pass-through bounds from above what the real stage can reach on the same input.
 */
final class FloorIncidentStage implements IncidentStage {

    static final String STORE = "incident-floor-signals";

    private final IncidentSettings incidentSettings;

    FloorIncidentStage(IncidentSettings incidentSettings) {
        this.incidentSettings = incidentSettings;
    }

    @Override
    public IncidentOutputs apply(StreamsBuilder builder, KStream<String, FindingVersion> findings,
                                 KStream<String, Detection> detections, KStream<String, TrailEvent> events,
                                 EnrichSettings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(settings.keyValueStore(STORE), Serdes.String(), SignalCodec.serde())
                .withCachingEnabled());
        KStream<String, IncidentChange> nothing = StandardIncidentStage.signalsByAccount(findings, detections, events,
                        incidentSettings)
                .process(Remember::new, Named.as("incident-floor-remember"), STORE);
        return new IncidentOutputs(
                nothing.mapValues(IncidentChange::incident, Named.as("incident-record")),
                nothing.mapValues(IncidentChange::ocsf, Named.as("incident-ocsf")));
    }

    /** Stores each signal under its account and id; forwards nothing. */
    private static final class Remember implements Processor<String, Signal, String, IncidentChange> {

        private KeyValueStore<String, Signal> store;

        @Override
        public void init(ProcessorContext<String, IncidentChange> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, Signal> record) {
            Signal signal = record.value();
            if (signal != null) {
                store.put(signal.accountId() + "|" + signal.id(), signal);
            }
        }
    }
}
