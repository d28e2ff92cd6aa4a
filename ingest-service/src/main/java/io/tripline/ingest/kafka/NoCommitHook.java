package io.tripline.ingest.kafka;

import io.micronaut.context.annotation.Secondary;
import io.tripline.ingest.source.SourceId;
import jakarta.inject.Singleton;

/** The production {@link CommitHook}: does nothing. */
@Singleton
@Secondary
public class NoCommitHook implements CommitHook {

    @Override
    public void beforeCommit(SourceId source, Batch batch) {
        // nothing to do in production
    }
}
