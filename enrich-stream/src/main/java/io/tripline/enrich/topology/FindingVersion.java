package io.tripline.enrich.topology;

import io.tripline.enrich.ocsf.OcsfActivity;
import io.tripline.schema.v1.SecurityFinding;

/** A finding version the identity stage decided to publish, and what it means for SIEMs. */
public record FindingVersion(SecurityFinding finding, OcsfActivity activity) {
}
