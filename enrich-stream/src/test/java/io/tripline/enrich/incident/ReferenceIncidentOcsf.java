package io.tripline.enrich.incident;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonGenerator;

import io.tripline.core.normalize.Json;
import io.tripline.enrich.attack.Tactic;
import io.tripline.enrich.ocsf.OcsfActivity;
import io.tripline.enrich.ocsf.OcsfMapper;
import io.tripline.enrich.scoring.RiskLevels;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.RiskFactor;

/**
 * The incident OCSF renderer as it was before {@link IncidentOcsf} wrote text itself: Jackson's streaming generator,
 * one call per token. Kept as the reference the text renderer must match byte for byte (IncidentOcsfTextTest).
 */
final class ReferenceIncidentOcsf {

    private static final Map<String, Tactic> BY_TITLE = Arrays.stream(Tactic.values())
            .collect(Collectors.toUnmodifiableMap(Tactic::title, t -> t));

    private final String productVersion;

    ReferenceIncidentOcsf(String productVersion) {
        this.productVersion = productVersion;
    }

    String map(Incident incident, Map<String, Signal> members, boolean resolved) {
        StringWriter out = new StringWriter(2_048);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            write(json, incident, members, resolved);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the OCSF incident " + incident.getIncidentId(), e);
        }
        return out.toString();
    }

    private void write(JsonGenerator json, Incident incident, Map<String, Signal> members, boolean resolved) throws IOException {
        OcsfActivity activity = switch (incident.getStatus()) {
            case OPEN -> OcsfActivity.CREATE;
            case CLOSED -> OcsfActivity.CLOSE;
            default -> OcsfActivity.UPDATE;
        };
        int severityId = IncidentOcsf.severityId(incident.getRiskLevel());
        json.writeStartObject();
        json.writeNumberField("class_uid", 2004);
        json.writeStringField("class_name", "Detection Finding");
        json.writeNumberField("category_uid", 2);
        json.writeStringField("category_name", "Findings");
        json.writeNumberField("activity_id", activity.id());
        json.writeStringField("activity_name", activity.caption());
        json.writeNumberField("type_uid", 2004 * 100L + activity.id());
        json.writeStringField("type_name", "Detection Finding: " + activity.caption());
        json.writeNumberField("severity_id", severityId);
        json.writeStringField("severity", OcsfMapper.severityCaption(severityId));
        json.writeNumberField("time", incident.getUpdatedAt().toEpochMilli());

        json.writeObjectFieldStart("finding_info");
        json.writeStringField("uid", incident.getIncidentId());
        json.writeStringField("title", incident.getTitle());
        json.writeArrayFieldStart("types");
        json.writeString("Tripline/Incident");
        json.writeEndArray();
        json.writeNumberField("first_seen_time", incident.getFirstSeen().toEpochMilli());
        json.writeNumberField("last_seen_time", incident.getLastSeen().toEpochMilli());
        json.writeNumberField("modified_time", incident.getUpdatedAt().toEpochMilli());
        json.writeArrayFieldStart("related_events");
        Set<String> seen = new HashSet<>();
        for (String id : incident.getMembers()) {
            Signal member = members.get(id);
            for (String uid : member.evidence()) {
                if (seen.add(uid)) {
                    json.writeStartObject();
                    json.writeStringField("uid", uid);
                    json.writeStringField("type", "EVENT".equals(member.kind()) || "DETECTION".equals(member.kind())
                            ? "CloudTrail" : member.source());
                    if (!uid.equals(member.id())) {
                        json.writeStringField("product_uid", member.id());
                    }
                    json.writeEndObject();
                }
            }
        }
        json.writeEndArray();
        json.writeEndObject();
        if (!incident.getTactics().isEmpty()) {
            json.writeArrayFieldStart("attacks");
            for (String title : incident.getTactics()) {
                Tactic tactic = BY_TITLE.containsKey(title) ? BY_TITLE.get(title) : Tactic.parse(title).orElseThrow();
                json.writeStartObject();
                json.writeObjectFieldStart("tactic");
                json.writeStringField("uid", tactic.uid());
                json.writeStringField("name", tactic.title());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeObjectFieldStart("cloud");
        json.writeStringField("provider", "AWS");
        if (incident.getRegion() != null) {
            json.writeStringField("region", incident.getRegion());
        }
        json.writeObjectFieldStart("account");
        json.writeStringField("uid", incident.getAccountId());
        json.writeStringField("type", "AWS Account");
        json.writeNumberField("type_id", 10);
        json.writeEndObject();
        json.writeEndObject();
        json.writeArrayFieldStart("resources");
        json.writeStartObject();
        json.writeStringField("uid", incident.getEntity().getId());
        json.writeStringField("type", incident.getEntity().getType());
        json.writeEndObject();
        json.writeEndArray();
        json.writeNumberField("risk_score", incident.getRiskScore());
        json.writeStringField("risk_level", RiskLevels.ocsfCaption(incident.getRiskLevel()));
        json.writeNumberField("risk_level_id", RiskLevels.ocsfId(incident.getRiskLevel()));
        int status = IncidentOcsf.statusId(incident.getStatus(), resolved);
        json.writeNumberField("status_id", status);
        json.writeStringField("status", switch (status) {
            case 1 -> "New";
            case 2 -> "In Progress";
            case 4 -> "Resolved";
            default -> "Archived";
        });
        json.writeBooleanField("is_alert", true);
        json.writeArrayFieldStart("osint"); // required by the class; Tripline has no OSINT to attach
        json.writeEndArray();
        json.writeNumberField("count", incident.getMembers().size());
        json.writeObjectFieldStart("metadata");
        json.writeStringField("version", OcsfMapper.OCSF_VERSION);
        json.writeStringField("uid", incident.getIncidentId() + "@" + incident.getVersion());
        json.writeStringField("original_time", incident.getUpdatedAt().toString());
        json.writeObjectFieldStart("product");
        json.writeStringField("name", OcsfMapper.PRODUCT);
        json.writeStringField("vendor_name", OcsfMapper.PRODUCT);
        json.writeStringField("version", productVersion);
        json.writeEndObject();
        json.writeEndObject();
        json.writeObjectFieldStart("unmapped");
        json.writeArrayFieldStart("risk_factors");
        for (RiskFactor factor : incident.getFactors()) {
            json.writeStartObject();
            json.writeStringField("name", factor.getName());
            json.writeNumberField("points", factor.getPoints());
            json.writeArrayFieldStart("evidence");
            for (String evidence : factor.getEvidence()) {
                json.writeString(evidence);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("playbooks");
        for (String playbook : incident.getPlaybooks()) {
            json.writeString(playbook);
        }
        json.writeEndArray();
        json.writeNumberField("incident_version", incident.getVersion());
        json.writeEndObject();
        json.writeEndObject();
    }
}
