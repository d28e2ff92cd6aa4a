package io.tripline.enrich.ocsf;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;
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
    private static final int CLASS_UID = 2004;
    private static final int CATEGORY_UID = 2;

    private static final java.util.regex.Pattern TECHNIQUE_TAG = java.util.regex.Pattern.compile("attack\\.t\\d{4}(\\.\\d{3})?");
    private static final java.util.regex.Pattern ID_TAG = java.util.regex.Pattern.compile("attack\\.[tgs]\\d+.*");

    private final String productVersion;

    public OcsfMapper(String productVersion) {
        this.productVersion = productVersion;
    }

    /** A finding version; {@code activity} says whether it is new, changed or closed. */
    public String finding(SecurityFinding finding, OcsfActivity activity) {
        ObjectNode root = header(activity, severityId(finding.getSeverity().getLabel()), finding.getUpdatedAt());
        ObjectNode info = root.putObject("finding_info");
        info.put("uid", finding.getIdentity());
        info.put("title", finding.getTitle() == null ? String.join(", ", finding.getTypes()) : finding.getTitle());
        if (finding.getDescription() != null) {
            info.put("desc", finding.getDescription());
        }
        ArrayNode types = info.putArray("types");
        finding.getTypes().forEach(types::add);
        putTime(info, "first_seen_time", finding.getFirstSeen());
        putTime(info, "last_seen_time", finding.getLastSeen());
        putTime(info, "modified_time", finding.getUpdatedAt());
        info.put("product_uid", finding.getProductArn() == null ? "aws/guardduty" : finding.getProductArn());
        ArrayNode related = info.putArray("related_events");
        related.addObject().put("uid", finding.getSourceId()).put("type", finding.getSource().name());
        attacks(root, FindingTactics.of(finding.getTypes()), List.of());
        cloud(root, finding.getAccountId(), finding.getRegion());
        resources(root, finding.getResources());
        root.put("count", finding.getCount());
        root.put("status_id", statusId(finding));
        root.put("status", statusCaption(statusId(finding)));
        root.put("is_alert", true);
        root.putArray("osint");
        metadata(root, finding.getIdentity() + "@" + finding.getUpdatedAt().toEpochMilli(), finding.getUpdatedAt());
        if (finding.getSample()) {
            root.putObject("unmapped").put("sample", true);
        }
        return Json.write(root);
    }

    /** A rule hit on CloudTrail, citing its evidence events. */
    public String detection(Detection detection) {
        ObjectNode root = header(OcsfActivity.CREATE, severityId(detection.getLevel()), detection.getEventTime());
        ObjectNode info = root.putObject("finding_info");
        info.put("uid", detection.getDetectionId());
        info.put("title", detection.getRuleTitle());
        if (detection.getDescription() != null) {
            info.put("desc", detection.getDescription());
        }
        info.putArray("types").add("Sigma/" + detection.getRuleId());
        putTime(info, "first_seen_time", detection.getFirstEventTime() == null ? detection.getEventTime()
                : detection.getFirstEventTime());
        putTime(info, "last_seen_time", detection.getEventTime());
        ObjectNode analytic = info.putObject("analytic");
        analytic.put("uid", detection.getRuleId()).put("name", detection.getRuleTitle());
        analytic.put("type_id", 1).put("type", "Rule");
        ArrayNode related = info.putArray("related_events");
        for (String eventId : detection.getEvidence()) {
            related.addObject().put("uid", eventId).put("type", "CloudTrail");
        }
        attacks(root, tacticsOf(detection.getTags()), techniquesOf(detection.getTags()));
        cloud(root, detection.getAccountId(), detection.getRegion());
        ArrayNode resources = root.putArray("resources");
        resources.addObject().put("uid", detection.getEntity().getId()).put("type", detection.getEntity().getType().name());
        root.put("status_id", 1);
        root.put("status", "New");
        root.put("is_alert", true);
        root.putArray("osint");
        metadata(root, detection.getDetectionId(), detection.getEventTime());
        return Json.write(root);
    }

    private ObjectNode header(OcsfActivity activity, int severityId, Instant time) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("class_uid", CLASS_UID);
        root.put("class_name", "Detection Finding");
        root.put("category_uid", CATEGORY_UID);
        root.put("category_name", "Findings");
        root.put("activity_id", activity.id());
        root.put("activity_name", activity.caption());
        root.put("type_uid", CLASS_UID * 100L + activity.id());
        root.put("type_name", "Detection Finding: " + activity.caption());
        root.put("severity_id", severityId);
        root.put("severity", severityCaption(severityId));
        root.put("time", time.toEpochMilli());
        return root;
    }

    private void metadata(ObjectNode root, String uid, Instant eventTime) {
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("version", OCSF_VERSION);
        metadata.put("uid", uid);
        metadata.put("original_time", eventTime.toString());
        ObjectNode product = metadata.putObject("product");
        product.put("name", PRODUCT).put("vendor_name", PRODUCT).put("version", productVersion);
    }

    private static void cloud(ObjectNode root, String accountId, String region) {
        ObjectNode cloud = root.putObject("cloud");
        cloud.put("provider", "AWS");
        if (region != null) {
            cloud.put("region", region);
        }
        if (accountId != null) {
            cloud.putObject("account").put("uid", accountId).put("type", "AWS Account").put("type_id", 10);
        }
    }

    private static void resources(ObjectNode root, List<FindingResource> resources) {
        ArrayNode out = root.putArray("resources");
        for (FindingResource resource : resources) {
            ObjectNode r = out.addObject();
            r.put("uid", resource.getId());
            r.put("type", resource.getType());
            if (resource.getArn() != null) {
                r.put("name", resource.getArn());
            }
            if (!resource.getTags().isEmpty()) {
                ArrayNode tags = r.putArray("tags");
                resource.getTags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> tags.addObject().put("name", e.getKey()).put("value", e.getValue()));
            }
        }
    }

    private static void attacks(ObjectNode root, List<Tactic> tactics, List<String> techniques) {
        if (tactics.isEmpty() && techniques.isEmpty()) {
            return;
        }
        ArrayNode attacks = root.putArray("attacks");
        if (techniques.isEmpty()) {
            for (Tactic tactic : tactics) {
                attacks.addObject().putObject("tactic").put("uid", tactic.uid()).put("name", tactic.title());
            }
            return;
        }
        for (String technique : techniques) {
            ObjectNode attack = attacks.addObject();
            attack.putObject("technique").put("uid", technique);
            if (!tactics.isEmpty()) {
                attack.putObject("tactic").put("uid", tactics.get(0).uid()).put("name", tactics.get(0).title());
                ArrayNode all = attack.putArray("tactics");
                tactics.forEach(t -> all.addObject().put("uid", t.uid()).put("name", t.title()));
            }
        }
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

    private static void putTime(ObjectNode node, String field, Instant time) {
        if (time != null) {
            node.put(field, time.toEpochMilli());
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
