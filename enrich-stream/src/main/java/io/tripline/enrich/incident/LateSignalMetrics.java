package io.tripline.enrich.incident;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * How much of its input the incident stage takes on its late-data path, per task, as Kafka Streams metrics in
 * group {@code stream-incident-metrics} (tag {@code incident-id} = task id): {@code signals-total},
 * {@code late-signals-total} (older than stream time minus their source's grace) and
 * {@code dropped-late-signals-total} (late with nothing to join, so dropped), each with its {@code -rate}. A
 * share of late signals that grows means the sources reach the stage out of step (docs/scoring.md, "Late data
 * beyond grace").
 */
final class LateSignalMetrics {

    static final String GROUP = "stream-incident-metrics";

    private final StreamsMetrics registry;
    private final Sensor signals;
    private final Sensor late;
    private final Sensor dropped;

    LateSignalMetrics(ProcessorContext<?, ?> context) {
        this.registry = context.metrics();
        String task = context.taskId().toString();
        this.signals = registry.addRateTotalSensor("incident", task, "signals", Sensor.RecordingLevel.INFO);
        this.late = registry.addRateTotalSensor("incident", task, "late-signals", Sensor.RecordingLevel.INFO);
        this.dropped = registry.addRateTotalSensor("incident", task, "dropped-late-signals", Sensor.RecordingLevel.INFO);
    }

    void signal(boolean isLate) {
        signals.record();
        if (isLate) {
            late.record();
        }
    }

    void dropped() {
        dropped.record();
    }

    /** Removes the sensors: a task that moves to another thread registers them anew there. */
    void close() {
        registry.removeSensor(signals);
        registry.removeSensor(late);
        registry.removeSensor(dropped);
    }
}
