package io.tripline.enrich.incident;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.core.normalize.Json;
import io.tripline.enrich.attack.Tactic;
import io.tripline.enrich.ocsf.OcsfActivity;
import io.tripline.enrich.ocsf.OcsfMapper;
import io.tripline.enrich.scoring.RiskLevels;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.IncidentStatus;
import io.tripline.schema.v1.RiskFactor;
import io.tripline.schema.v1.RiskLevel;

/**
 * An incident as an OCSF Detection Finding (class 2004) following {@link OcsfMapper}'s conventions (same
 * field order, event time only): activity Create/Update/Close from the lifecycle, {@code risk_score},
 * {@code risk_level}, {@code risk_level_id}, and every member's evidence in
 * {@code finding_info.related_events}. Factors and playbooks, which OCSF has no attribute for, go to
 * {@code unmapped}.
 */
final class IncidentOcsf {

    private final String productVersion;

    IncidentOcsf(String productVersion) {
        this.productVersion = productVersion;
    }

    String map(Incident incident, Collection<Signal> members, boolean resolved) {
        OcsfActivity activity = switch (incident.getStatus()) {
            case OPEN -> OcsfActivity.CREATE;
            case CLOSED -> OcsfActivity.CLOSE;
            default -> OcsfActivity.UPDATE;
        };
        int severityId = severityId(incident.getRiskLevel());
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("class_uid", 2004);
        root.put("class_name", "Detection Finding");
        root.put("category_uid", 2);
        root.put("category_name", "Findings");
        root.put("activity_id", activity.id());
        root.put("activity_name", activity.caption());
        root.put("type_uid", 2004 * 100L + activity.id());
        root.put("type_name", "Detection Finding: " + activity.caption());
        root.put("severity_id", severityId);
        root.put("severity", OcsfMapper.severityCaption(severityId));
        root.put("time", incident.getUpdatedAt().toEpochMilli());

        ObjectNode info = root.putObject("finding_info");
        info.put("uid", incident.getIncidentId());
        info.put("title", incident.getTitle());
        ArrayNode types = info.putArray("types");
        types.add("Tripline/Incident");
        info.put("first_seen_time", incident.getFirstSeen().toEpochMilli());
        info.put("last_seen_time", incident.getLastSeen().toEpochMilli());
        info.put("modified_time", incident.getUpdatedAt().toEpochMilli());
        ArrayNode related = info.putArray("related_events");
        Set<String> seen = new LinkedHashSet<>();
        for (Signal member : members.stream().sorted(Signals.BY_TIME).toList()) {
            for (String uid : member.evidence()) {
                if (seen.add(uid)) {
                    ObjectNode event = related.addObject();
                    event.put("uid", uid);
                    event.put("type", "EVENT".equals(member.kind()) || "DETECTION".equals(member.kind()) ? "CloudTrail" : member.source());
                    if (!uid.equals(member.id())) {
                        event.put("product_uid", member.id());
                    }
                }
            }
        }
        if (!incident.getTactics().isEmpty()) {
            ArrayNode attacks = root.putArray("attacks");
            for (String title : incident.getTactics()) {
                Tactic tactic = Tactic.parse(title).orElseThrow();
                attacks.addObject().putObject("tactic").put("uid", tactic.uid()).put("name", tactic.title());
            }
        }
        ObjectNode cloud = root.putObject("cloud");
        cloud.put("provider", "AWS");
        if (incident.getRegion() != null) {
            cloud.put("region", incident.getRegion());
        }
        cloud.putObject("account").put("uid", incident.getAccountId()).put("type", "AWS Account").put("type_id", 10);
        root.putArray("resources").addObject().put("uid", incident.getEntity().getId()).put("type", incident.getEntity().getType());
        root.put("risk_score", incident.getRiskScore());
        root.put("risk_level", RiskLevels.ocsfCaption(incident.getRiskLevel()));
        root.put("risk_level_id", RiskLevels.ocsfId(incident.getRiskLevel()));
        int status = statusId(incident.getStatus(), resolved);
        root.put("status_id", status);
        root.put("status", switch (status) {
            case 1 -> "New";
            case 2 -> "In Progress";
            case 4 -> "Resolved";
            default -> "Archived";
        });
        root.put("is_alert", true);
        root.putArray("osint"); // required by the class; Tripline has no OSINT to attach
        root.put("count", members.size());
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("version", OcsfMapper.OCSF_VERSION);
        metadata.put("uid", incident.getIncidentId() + "@" + incident.getVersion());
        metadata.put("original_time", incident.getUpdatedAt().toString());
        metadata.putObject("product").put("name", OcsfMapper.PRODUCT).put("vendor_name", OcsfMapper.PRODUCT)
                .put("version", productVersion);
        ObjectNode unmapped = root.putObject("unmapped");
        ArrayNode factors = unmapped.putArray("risk_factors");
        for (RiskFactor factor : incident.getFactors()) {
            ObjectNode f = factors.addObject().put("name", factor.getName()).put("points", factor.getPoints());
            ArrayNode evidence = f.putArray("evidence");
            factor.getEvidence().forEach(evidence::add);
        }
        ArrayNode playbooks = unmapped.putArray("playbooks");
        incident.getPlaybooks().forEach(playbooks::add);
        unmapped.put("incident_version", incident.getVersion());
        return Json.write(root);
    }

    /** New, In Progress once updated; Resolved when every finding was, Archived when closed for quiet. */
    static int statusId(IncidentStatus status, boolean resolved) {
        return switch (status) {
            case OPEN -> 1;
            case CLOSED -> resolved ? 4 : 5;
            default -> 2;
        };
    }

    static int severityId(RiskLevel level) {
        return switch (level) {
            case INFO -> 1;
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
            default -> 0;
        };
    }
}
