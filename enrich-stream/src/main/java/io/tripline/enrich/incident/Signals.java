package io.tripline.enrich.incident;

import java.util.Comparator;

/** Orderings of signals that do not depend on arrival order. */
final class Signals {

    /** Event time, then id: the canonical order of members. */
    static final Comparator<Signal> BY_TIME = Comparator.comparingLong(Signal::time).thenComparing(Signal::id);

    private Signals() {
    }
}
