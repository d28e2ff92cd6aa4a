package io.tripline.enrich.incident;

import io.tripline.schema.v1.Incident;

/**
 * One published incident version with its OCSF rendering, as the processor emits them together; {@code ocsf}
 * is null when the topology publishes no OCSF ({@code tripline.enrich.ocsf-enabled=false}).
 */
record IncidentChange(Incident incident, String ocsf) {
}
