package io.tripline.enrich.ocsf;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.tripline.enrich.attack.FindingTactics;
import io.tripline.enrich.attack.Tactic;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.FindingResource;
import io.tripline.schema.v1.RecordState;
import io.tripline.schema.v1.RuleLevel;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.SeverityLabel;
import io.tripline.schema.v1.WorkflowStatus;

/**
 * Maps findings and detections to OCSF Detection Finding (class 2004) JSON for SIEMs. Output is
 * deterministic: fields in a fixed order, every time taken from the record (event time), never from the
 * clock, so a replay of the same input produces the same bytes.
 */
public final class OcsfMapper {

    /** The OCSF schema version whose attribute tables (shared/corpus/reference/ocsf) this mapping follows. */
    public static final String OCSF_VERSION = "1.9.0-dev";
    public static final String PRODUCT = "Tripline";
    static final int CLASS_UID = 2004;
    static final int CATEGORY_UID = 2;

    private static final java.util.regex.Pattern TECHNIQUE_TAG = java.util.regex.Pattern.compile("attack\\.t\\d{4}(\\.\\d{3})?");
    private static final java.util.regex.Pattern ID_TAG = java.util.regex.Pattern.compile("attack\\.[tgs]\\d+.*");

    private final String productVersion;
    // Few distinct tag lists and type lists exist (one per rule, a few hundred finding types): their attacks
    // arrays are written once, not per record.
    private final Map<List<String>, String> ruleAttacks = new ConcurrentHashMap<>();
    private final Map<List<String>, String> findingAttacks = new ConcurrentHashMap<>();
    // The parts of a detection's OCSF that come from its rule (its texts above all, whose escaping was the costliest
    // part) are written once per rule, not per record. Bounded, in case rules ever come from elsewhere.
    private final Map<DetectionOcsf.RuleKey, DetectionOcsf.Template> templates = new ConcurrentHashMap<>();
    private static final int MAX_TEMPLATES = 10_000;

    public OcsfMapper(String productVersion) {
        this.productVersion = productVersion;
    }

    /** A finding version; {@code activity} says whether it is new, changed or closed. */
    public String finding(SecurityFinding finding, OcsfActivity activity) {
        return OcsfWriter.write(out -> {
            header(out, activity, severityId(finding.getSeverity().getLabel()), finding.getUpdatedAt());
            out.writeObjectFieldStart("finding_info");
            out.writeStringField("uid", finding.getIdentity());
            out.writeStringField("title", finding.getTitle() == null ? String.join(", ", finding.getTypes()) : finding.getTitle());
            if (finding.getDescription() != null) {
                out.writeStringField("desc", finding.getDescription());
            }
            out.writeArrayFieldStart("types");
            for (String type : finding.getTypes()) {
                out.writeString(type);
            }
            out.writeEndArray();
            putTime(out, "first_seen_time", finding.getFirstSeen());
            putTime(out, "last_seen_time", finding.getLastSeen());
            putTime(out, "modified_time", finding.getUpdatedAt());
            out.writeStringField("product_uid", finding.getProductArn() == null ? "aws/guardduty" : finding.getProductArn());
            out.writeArrayFieldStart("related_events");
            relatedEvent(out, finding.getSourceId(), finding.getSource().name());
            out.writeEndArray();
            out.writeEndObject();
            attacks(out, findingAttacks(finding.getTypes()));
            cloud(out, finding.getAccountId(), finding.getRegion());
            resources(out, finding.getResources());
            out.writeNumberField("count", finding.getCount());
            int status = statusId(finding);
            out.writeNumberField("status_id", status);
            out.writeStringField("status", statusCaption(status));
            out.writeBooleanField("is_alert", true);
            out.writeArrayFieldStart("osint");
            out.writeEndArray();
            metadata(out, finding.getIdentity() + "@" + finding.getUpdatedAt().toEpochMilli(), finding.getUpdatedAt());
            if (finding.getSample()) {
                out.writeObjectFieldStart("unmapped");
                out.writeBooleanField("sample", true);
                out.writeEndObject();
            }
        });
    }

    /** A rule hit on CloudTrail, citing its evidence events. */
    public String detection(Detection detection) {
        DetectionOcsf.RuleKey rule = DetectionOcsf.RuleKey.of(detection);
        DetectionOcsf.Template template = templates.get(rule);
        if (template == null) {
            template = DetectionOcsf.Template.of(rule, ruleAttacks(detection.getTags()));
            if (templates.size() < MAX_TEMPLATES) {
                templates.put(rule, template);
            }
        }
        return DetectionOcsf.write(template, detection, productVersion);
    }

    /** The JSON string literal of {@code text}, quotes included, escaped as the generator escapes a string value. */
    static String literal(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    private static void header(JsonGenerator out, OcsfActivity activity, int severityId, Instant time) throws IOException {
        out.writeNumberField("class_uid", CLASS_UID);
        out.writeStringField("class_name", "Detection Finding");
        out.writeNumberField("category_uid", CATEGORY_UID);
        out.writeStringField("category_name", "Findings");
        out.writeNumberField("activity_id", activity.id());
        out.writeStringField("activity_name", activity.caption());
        out.writeNumberField("type_uid", CLASS_UID * 100L + activity.id());
        out.writeStringField("type_name", "Detection Finding: " + activity.caption());
        out.writeNumberField("severity_id", severityId);
        out.writeStringField("severity", severityCaption(severityId));
        out.writeNumberField("time", time.toEpochMilli());
    }

    private void metadata(JsonGenerator out, String uid, Instant eventTime) throws IOException {
        out.writeObjectFieldStart("metadata");
        out.writeStringField("version", OCSF_VERSION);
        out.writeStringField("uid", uid);
        out.writeStringField("original_time", eventTime.toString());
        out.writeObjectFieldStart("product");
        out.writeStringField("name", PRODUCT);
        out.writeStringField("vendor_name", PRODUCT);
        out.writeStringField("version", productVersion);
        out.writeEndObject();
        out.writeEndObject();
    }

    private static void relatedEvent(JsonGenerator out, String uid, String type) throws IOException {
        pair(out, "uid", uid, "type", type);
    }

    /** An object of two string fields, the commonest shape in OCSF (related events, tags, tactics). */
    private static void pair(JsonGenerator out, String name1, String value1, String name2, String value2)
            throws IOException {
        out.writeStartObject();
        out.writeStringField(name1, value1);
        out.writeStringField(name2, value2);
        out.writeEndObject();
    }

    private static void cloud(JsonGenerator out, String accountId, String region) throws IOException {
        out.writeObjectFieldStart("cloud");
        out.writeStringField("provider", "AWS");
        if (region != null) {
            out.writeStringField("region", region);
        }
        if (accountId != null) {
            out.writeObjectFieldStart("account");
            out.writeStringField("uid", accountId);
            out.writeStringField("type", "AWS Account");
            out.writeNumberField("type_id", 10);
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private static void resources(JsonGenerator out, List<FindingResource> resources) throws IOException {
        out.writeArrayFieldStart("resources");
        for (FindingResource resource : resources) {
            out.writeStartObject();
            out.writeStringField("uid", resource.getId());
            out.writeStringField("type", resource.getType());
            if (resource.getArn() != null) {
                out.writeStringField("name", resource.getArn());
            }
            if (!resource.getTags().isEmpty()) {
                out.writeArrayFieldStart("tags");
                for (Map.Entry<String, String> tag : new TreeMap<>(resource.getTags()).entrySet()) {
                    pair(out, "name", tag.getKey(), "value", tag.getValue());
                }
                out.writeEndArray();
            }
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /** The {@code attacks} array, written ahead as JSON text: it depends only on a rule's tags or a finding's types. */
    private static void attacks(JsonGenerator out, String attacks) throws IOException {
        if (attacks != null) {
            out.writeFieldName("attacks");
            out.writeRawValue(attacks);
        }
    }

    private String ruleAttacks(List<String> tags) {
        return ruleAttacks.computeIfAbsent(List.copyOf(tags), t -> attacksJson(tacticsOf(t), techniquesOf(t)));
    }

    private String findingAttacks(List<String> types) {
        return findingAttacks.computeIfAbsent(List.copyOf(types), t -> attacksJson(FindingTactics.of(t), List.of()));
    }

    /** JSON text of the attacks array, or null when there is nothing to say. */
    private static String attacksJson(List<Tactic> tactics, List<String> techniques) {
        if (tactics.isEmpty() && techniques.isEmpty()) {
            return null;
        }
        return OcsfWriter.writeArray(out -> {
            if (techniques.isEmpty()) {
                for (Tactic tactic : tactics) {
                    out.writeStartObject();
                    tactic(out, "tactic", tactic);
                    out.writeEndObject();
                }
                return;
            }
            for (String technique : techniques) {
                out.writeStartObject();
                out.writeObjectFieldStart("technique");
                out.writeStringField("uid", technique);
                out.writeEndObject();
                if (!tactics.isEmpty()) {
                    tactic(out, "tactic", tactics.get(0));
                    out.writeArrayFieldStart("tactics");
                    for (Tactic t : tactics) {
                        pair(out, "uid", t.uid(), "name", t.title());
                    }
                    out.writeEndArray();
                }
                out.writeEndObject();
            }
        });
    }

    private static void tactic(JsonGenerator out, String field, Tactic tactic) throws IOException {
        out.writeFieldName(field);
        pair(out, "uid", tactic.uid(), "name", tactic.title());
    }

    /** Sigma tags {@code attack.<tactic>} in the order given. */
    static List<Tactic> tacticsOf(List<String> tags) {
        return tags.stream()
                .filter(t -> t.startsWith("attack.") && !ID_TAG.matcher(t).matches())
                .map(t -> Tactic.parse(t.substring("attack.".length())))
                .flatMap(java.util.Optional::stream)
                .distinct()
                .toList();
    }

    /** Sigma tags {@code attack.t1078.004} as ATT&CK technique ids {@code T1078.004}. */
    static List<String> techniquesOf(List<String> tags) {
        return tags.stream()
                .filter(t -> TECHNIQUE_TAG.matcher(t).matches())
                .map(t -> t.substring("attack.".length()).toUpperCase(java.util.Locale.ROOT))
                .distinct()
                .toList();
    }

    private static void putTime(JsonGenerator out, String field, Instant time) throws IOException {
        if (time != null) {
            out.writeNumberField(field, time.toEpochMilli());
        }
    }

    static int severityId(SeverityLabel label) {
        return switch (label) {
            case INFORMATIONAL -> 1;
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
            default -> 0;
        };
    }

    /** Rule levels and severity labels share their symbols (Sigma's levels), so one mapping serves both. */
    static int severityId(RuleLevel level) {
        return severityId(level == RuleLevel.UNKNOWN ? SeverityLabel.UNKNOWN : SeverityLabel.valueOf(level.name()));
    }

    /** The OCSF caption of a severity_id (0 Unknown .. 5 Critical). */
    public static String severityCaption(int id) {
        return switch (id) {
            case 1 -> "Informational";
            case 2 -> "Low";
            case 3 -> "Medium";
            case 4 -> "High";
            case 5 -> "Critical";
            default -> "Unknown";
        };
    }

    /** OCSF finding status: 1 New, 2 In Progress, 3 Suppressed, 4 Resolved, 5 Archived. */
    static int statusId(SecurityFinding finding) {
        if (finding.getRecordState() == RecordState.ARCHIVED) {
            return 5;
        }
        WorkflowStatus workflow = finding.getWorkflowStatus();
        return switch (workflow) {
            case NOTIFIED -> 2;
            case SUPPRESSED -> 3;
            case RESOLVED -> 4;
            default -> 1;
        };
    }

    private static String statusCaption(int id) {
        return switch (id) {
            case 2 -> "In Progress";
            case 3 -> "Suppressed";
            case 4 -> "Resolved";
            case 5 -> "Archived";
            default -> "New";
        };
    }
}
