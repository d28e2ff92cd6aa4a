package io.tripline.enrich.topology;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.TrailEvent;

/** Turns decoded CloudTrail events into detections (single-event and correlation rules) inside the topology. */
public interface DetectionStage {

    /** Adds the stage's processors and state stores; returns detections keyed by entity. */
    KStream<String, Detection> apply(StreamsBuilder builder, KStream<String, TrailEvent> events, EnrichSettings settings);
}
