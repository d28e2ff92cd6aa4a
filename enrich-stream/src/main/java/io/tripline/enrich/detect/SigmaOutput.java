package io.tripline.enrich.detect;

import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.TrailEvent;

/**
 * What matching one event produced: a detection to publish, or the event as a candidate for a
 * correlation rule (keyed by correlation id and group, to be re-partitioned so a group's events meet).
 */
record SigmaOutput(Detection detection, TrailEvent candidate) {

    static SigmaOutput detection(Detection detection) {
        return new SigmaOutput(detection, null);
    }

    static SigmaOutput candidate(TrailEvent event) {
        return new SigmaOutput(null, event);
    }

    boolean isDetection() {
        return detection != null;
    }
}
