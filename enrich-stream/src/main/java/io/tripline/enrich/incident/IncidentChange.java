package io.tripline.enrich.incident;

import io.tripline.schema.v1.Incident;

/** One published incident version with its OCSF rendering, as the processor emits them together. */
record IncidentChange(Incident incident, String ocsf) {
}
