package io.tripline.simulator.cloudtrail;

import java.util.Comparator;

/** The total order of event history: newest eventTime first, later arrival first on ties. */
final class LookupOrder {

    static final Comparator<StoredEvent> NEWEST_FIRST = Comparator
            .comparing(StoredEvent::eventTime).thenComparingLong(StoredEvent::sequence).reversed();

    private LookupOrder() {
    }
}
