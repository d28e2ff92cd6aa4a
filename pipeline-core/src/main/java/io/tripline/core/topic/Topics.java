package io.tripline.core.topic;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.serialization.Serdes;

import io.tripline.core.serde.SerdeFactory;
import io.tripline.schema.v1.DeadLetter;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.IngestCursor;
import io.tripline.schema.v1.RemediationAction;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;

/**
 * Every topic Tripline reads or writes, declared once (ARCHITECTURE.md, "Topics"). Keys are strings;
 * values are Avro in the Confluent wire format, except the OCSF topic (JSON for SIEM connectors).
 */
public final class Topics {

    private static final Duration SEVEN_DAYS = Duration.ofDays(7);
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);
    private static final int PARTITIONS = 3;

    public static final Topic<String, SecurityFinding> RAW_GUARDDUTY = new Topic<>("tripline.raw.guardduty",
            SerdeFactory.string(), SerdeFactory.avro(SecurityFinding.class), PARTITIONS, Topic.Cleanup.DELETE, SEVEN_DAYS,
            "GuardDuty findings, one record per finding version, keyed by finding id");

    public static final Topic<String, SecurityFinding> RAW_SECURITYHUB = new Topic<>("tripline.raw.securityhub",
            SerdeFactory.string(), SerdeFactory.avro(SecurityFinding.class), PARTITIONS, Topic.Cleanup.DELETE, SEVEN_DAYS,
            "Security Hub findings; GuardDuty copies carry the GuardDuty ARN as identity");

    public static final Topic<String, TrailEvent> RAW_CLOUDTRAIL = new Topic<>("tripline.raw.cloudtrail",
            SerdeFactory.string(), SerdeFactory.avro(TrailEvent.class), PARTITIONS, Topic.Cleanup.DELETE, SEVEN_DAYS,
            "CloudTrail records keyed by eventID");

    public static final Topic<String, SecurityFinding> FINDINGS = new Topic<>("tripline.findings",
            SerdeFactory.string(), SerdeFactory.avro(SecurityFinding.class), PARTITIONS, Topic.Cleanup.COMPACT, null,
            "Latest version per finding across sources, keyed by identity");

    public static final Topic<String, Detection> DETECTIONS = new Topic<>("tripline.detections",
            SerdeFactory.string(), SerdeFactory.avro(Detection.class), PARTITIONS, Topic.Cleanup.DELETE, THIRTY_DAYS,
            "Rule hits on CloudTrail, keyed by entity");

    public static final Topic<String, Incident> INCIDENTS = new Topic<>("tripline.incidents",
            SerdeFactory.string(), SerdeFactory.avro(Incident.class), PARTITIONS, Topic.Cleanup.COMPACT, null,
            "Correlated incidents with score, factors, evidence and lifecycle, keyed by incident id");

    public static final Topic<String, String> OCSF = new Topic<>("tripline.ocsf",
            SerdeFactory.string(), SerdeFactory.string(), PARTITIONS, Topic.Cleanup.DELETE, THIRTY_DAYS,
            "OCSF Detection Finding (class 2004) JSON for SIEMs, keyed by finding uid");

    public static final Topic<String, RemediationAction> REMEDIATION_ACTIONS = new Topic<>("tripline.remediation.actions",
            SerdeFactory.string(), SerdeFactory.avro(RemediationAction.class), PARTITIONS, Topic.Cleanup.COMPACT, null,
            "Remediation ledger: latest state per action id");

    public static final Topic<String, RemediationAction> REMEDIATION_AUDIT = new Topic<>("tripline.remediation.audit",
            SerdeFactory.string(), SerdeFactory.avro(RemediationAction.class), 1, Topic.Cleanup.DELETE, null,
            "Append-only, hash-chained audit of every action transition (one partition keeps the chain ordered)");

    public static final Topic<String, IngestCursor> INGEST_CURSORS = new Topic<>("tripline.ingest.cursors",
            SerdeFactory.string(), SerdeFactory.avro(IngestCursor.class), 1, Topic.Cleanup.COMPACT, null,
            "Poll cursors keyed by source/account/region, written in the records' transaction");

    public static final Topic<byte[], DeadLetter> DLQ = new Topic<>("tripline.dlq",
            SerdeFactory.of(Serdes.ByteArray()), SerdeFactory.avro(DeadLetter.class), 1, Topic.Cleanup.DELETE, THIRTY_DAYS,
            "Records that could not be processed: original bytes, origin, stage and reason");

    /** The schema registry's own storage topic (Confluent's name and format). */
    public static final Topic<String, String> SCHEMAS = new Topic<>("_schemas",
            SerdeFactory.string(), SerdeFactory.string(), 1, Topic.Cleanup.COMPACT, null,
            "Schema registry storage (Confluent format)");

    private static final List<Topic<?, ?>> ALL = List.of(RAW_GUARDDUTY, RAW_SECURITYHUB, RAW_CLOUDTRAIL, FINDINGS,
            DETECTIONS, INCIDENTS, OCSF, REMEDIATION_ACTIONS, REMEDIATION_AUDIT, INGEST_CURSORS, DLQ);

    private Topics() {
    }

    /** The pipeline's topics (without the registry's storage topic, which the registry creates itself). */
    public static List<Topic<?, ?>> all() {
        return ALL;
    }

    public static Optional<Topic<?, ?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** True for a topic the production pipeline owns; investigation replays must not write there. */
    public static boolean isProductionTopic(String name) {
        return name.startsWith("tripline.") && !name.startsWith("tripline.investigation.") || SCHEMAS.name().equals(name);
    }
}
