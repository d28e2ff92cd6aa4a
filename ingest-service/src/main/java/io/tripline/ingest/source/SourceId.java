package io.tripline.ingest.source;

import io.tripline.ingest.config.SourceType;

/**
 * One independently running (source, account, region): the unit of cursors, transactions, health and
 * metrics. {@link #key()} is the cursor key {@code source/account/region}.
 */
public record SourceId(SourceType type, String account, String region) {

    public String key() {
        return type.id() + "/" + account + "/" + region;
    }

    @Override
    public String toString() {
        return key();
    }
}
