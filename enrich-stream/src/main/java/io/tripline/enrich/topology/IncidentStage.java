package io.tripline.enrich.topology;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.TrailEvent;

/**
 * Correlates findings, detections and CloudTrail events per entity into incidents with a risk score,
 * inside the topology (event time only).
 */
public interface IncidentStage {

    /**
     * Adds the stage's processors and stores. Returns incidents keyed by incident id and their OCSF
     * Detection Finding JSON keyed the same way.
     */
    IncidentOutputs apply(StreamsBuilder builder, KStream<String, FindingVersion> findings,
                          KStream<String, Detection> detections, KStream<String, TrailEvent> events, EnrichSettings settings);

    /** The two outputs of the incident stage. */
    record IncidentOutputs(KStream<String, io.tripline.schema.v1.Incident> incidents, KStream<String, String> ocsf) {
    }
}
