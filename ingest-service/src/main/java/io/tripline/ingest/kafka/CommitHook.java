package io.tripline.ingest.kafka;

import io.tripline.ingest.source.SourceId;

/**
 * Called after a batch is sent and before its transaction commits. Production uses the no-op; crash
 * tests replace it to kill a transaction mid-batch and prove nothing half-written becomes visible.
 */
@FunctionalInterface
public interface CommitHook {

    void beforeCommit(SourceId source, Batch batch);
}
