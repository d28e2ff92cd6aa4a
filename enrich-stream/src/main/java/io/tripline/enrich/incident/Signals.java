package io.tripline.enrich.incident;

import java.util.Comparator;

/** Orderings of signals that do not depend on arrival order. */
final class Signals {

    /** Event time, then id: the canonical order of members. */
    static final Comparator<Signal> BY_TIME = Comparator.comparingLong(Signal::time).thenComparing(Signal::id);

    /**
     * Which of two versions of one member is newer: event time, then the finding's count, then resolved over
     * open, then their canonical text. Two sources can report a finding with the same updatedAt (a GuardDuty
     * finding and its Security Hub copy); a total order keeps the one the state ends with independent of
     * which arrived last.
     */
    static final Comparator<Signal> VERSION = Comparator.comparingLong(Signal::time).thenComparingLong(Signal::count)
            .thenComparing(Signal::closed).thenComparing(Signal::toString);

    private Signals() {
    }
}
