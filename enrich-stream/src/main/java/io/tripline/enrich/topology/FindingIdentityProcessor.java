package io.tripline.enrich.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.tripline.schema.v1.SecurityFinding;

/**
 * Keeps the latest published version of every finding (by identity) in a state store and forwards a
 * {@link FindingVersion} only when {@link FindingMerge} says something changed. Output timestamps are
 * the finding's updatedAt: event time, never the wall clock.
 */
final class FindingIdentityProcessor implements Processor<String, SecurityFinding, String, FindingVersion> {

    private final String storeName;
    private ProcessorContext<String, FindingVersion> context;
    private KeyValueStore<String, SecurityFinding> store;

    FindingIdentityProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, FindingVersion> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, SecurityFinding> record) {
        SecurityFinding incoming = record.value();
        String identity = incoming.getIdentity();
        FindingVersion version = FindingMerge.merge(store.get(identity), incoming);
        if (version == null) {
            return;
        }
        store.put(identity, version.finding());
        context.forward(new Record<>(identity, version, version.finding().getUpdatedAt().toEpochMilli(), record.headers()));
    }
}
