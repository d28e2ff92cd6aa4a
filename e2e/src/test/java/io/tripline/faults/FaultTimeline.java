package io.tripline.faults;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What happens when during the load, in seconds from its start: faults (kills, broker restart) and the
 * findings that make incidents. {@link #runDue(double)} runs every step whose time has come, once, in
 * order, and logs it with the time it actually ran.
 */
final class FaultTimeline {

    /** One step; may throw, which fails the test. */
    interface Action {
        void run() throws Exception;
    }

    private record Step(double at, String what, Action action) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final PrintStream log;
    private int next;

    FaultTimeline(PrintStream log) {
        this.log = log;
    }

    FaultTimeline at(double seconds, String what, Action action) {
        steps.add(new Step(seconds, what, action));
        steps.sort(Comparator.comparingDouble(Step::at));
        return this;
    }

    void runDue(double elapsedSeconds) throws Exception {
        while (next < steps.size() && steps.get(next).at() <= elapsedSeconds) {
            Step step = steps.get(next++);
            long started = System.nanoTime();
            step.action().run();
            log.printf("faults: t=%5.1fs %s (%.1fs)%n", elapsedSeconds, step.what(), (System.nanoTime() - started) / 1e9);
        }
    }

    boolean done() {
        return next >= steps.size();
    }
}
