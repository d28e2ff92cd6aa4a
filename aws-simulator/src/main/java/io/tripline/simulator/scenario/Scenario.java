package io.tripline.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A loaded scenario: accounts with their regions and resources to seed, an optional simulated start,
 * and the timeline expanded into signals (repeats unrolled, files read) sorted by offset.
 */
public record Scenario(String name, String description, Instant start, JsonNode accounts, List<Signal> signals) {
}
