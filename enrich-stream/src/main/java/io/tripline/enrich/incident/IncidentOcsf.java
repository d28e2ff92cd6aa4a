package io.tripline.enrich.incident;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import io.tripline.enrich.attack.Tactic;
import io.tripline.enrich.ocsf.JsonText;
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

    /** The start of a record of each activity, up to {@code type_name} included. */
    private static final Map<OcsfActivity, String> HEADS = constants(OcsfActivity.class, (out, activity) -> {
        out.append("{\"class_uid\":2004,\"class_name\":\"Detection Finding\",\"category_uid\":2,"
                + "\"category_name\":\"Findings\",\"activity_id\":").append(activity.id());
        field(out, "activity_name", activity.caption());
        out.append(",\"type_uid\":").append(2004 * 100L + activity.id());
        field(out, "type_name", "Detection Finding: " + activity.caption());
    });
    /** {@code severity_id} and {@code severity} of each risk level. */
    private static final Map<RiskLevel, String> SEVERITIES = constants(RiskLevel.class, (out, level) -> {
        out.append(",\"severity_id\":").append(severityId(level));
        field(out, "severity", OcsfMapper.severityCaption(severityId(level)));
    });
    /** {@code risk_level} and {@code risk_level_id} of each risk level. */
    private static final Map<RiskLevel, String> RISK_LEVELS = constants(RiskLevel.class, (out, level) -> {
        field(out, "risk_level", RiskLevels.ocsfCaption(level));
        out.append(",\"risk_level_id\":").append(RiskLevels.ocsfId(level));
    });
    /** {@code status_id} and {@code status}, by status id. */
    private static final String[] STATUSES = {null, ",\"status_id\":1,\"status\":\"New\"",
        ",\"status_id\":2,\"status\":\"In Progress\"", null, ",\"status_id\":4,\"status\":\"Resolved\"",
        ",\"status_id\":5,\"status\":\"Archived\""};
    private static final String OCSF_VERSION = literal(OcsfMapper.OCSF_VERSION);
    /** The attacks array's element of each tactic, by the title the assembler gives incidents. */
    private static final Map<String, String> ATTACKS = Arrays.stream(Tactic.values())
            .collect(Collectors.toUnmodifiableMap(Tactic::title, IncidentOcsf::attack));

    /** {@code metadata.product}, the same in every record. */
    private final String product;

    IncidentOcsf(String productVersion) {
        StringBuilder out = new StringBuilder(96).append("{\"name\":");
        JsonText.string(out, OcsfMapper.PRODUCT);
        field(out, "vendor_name", OcsfMapper.PRODUCT);
        field(out, "version", productVersion);
        this.product = out.append('}').toString();
    }

    /**
     * @param members the incident's members by id; {@link Incident#getMembers()} gives their order (event time, id)
     */
    String map(Incident incident, Map<String, Signal> members, boolean resolved) {
        return map(incident, incident.getMembers().stream().map(id -> RelatedEvents.of(members.get(id))).toList(), resolved);
    }

    /**
     * @param relatedEvents each member's entries of {@code related_events}, in the order of {@link Incident#getMembers()}
     *                      (rendered once per member version by the caller, {@link MemberFacts})
     */
    String map(Incident incident, List<RelatedEvents> relatedEvents, boolean resolved) {
        // Written straight into a StringBuilder, constant parts as ready-made text: this runs for every published
        // version, and a JSON generator's per-token bookkeeping and escaping was most of the stage's own rendering
        // time. The text is what Jackson's default generator wrote for the same incident (IncidentOcsfTextTest holds
        // it against one); the field order is the contract.
        StringBuilder out = new StringBuilder(2_048 + 96 * incident.getMembers().size());
        OcsfActivity activity = switch (incident.getStatus()) {
            case OPEN -> OcsfActivity.CREATE;
            case CLOSED -> OcsfActivity.CLOSE;
            default -> OcsfActivity.UPDATE;
        };
        long updatedAt = incident.getUpdatedAt().toEpochMilli();
        out.append(HEADS.get(activity)).append(SEVERITIES.get(incident.getRiskLevel())).append(",\"time\":").append(updatedAt);
        findingInfo(out, incident, relatedEvents, updatedAt);
        attacks(out, incident.getTactics());
        out.append(",\"cloud\":{\"provider\":\"AWS\"");
        if (incident.getRegion() != null) {
            field(out, "region", incident.getRegion());
        }
        out.append(",\"account\":{\"uid\":");
        JsonText.string(out, incident.getAccountId());
        out.append(",\"type\":\"AWS Account\",\"type_id\":10}},\"resources\":[{\"uid\":");
        JsonText.string(out, incident.getEntity().getId());
        field(out, "type", incident.getEntity().getType());
        out.append("}],\"risk_score\":").append(incident.getRiskScore()).append(RISK_LEVELS.get(incident.getRiskLevel()))
                .append(STATUSES[statusId(incident.getStatus(), resolved)])
                // osint: required by the class; Tripline has no OSINT to attach
                .append(",\"is_alert\":true,\"osint\":[],\"count\":").append(incident.getMembers().size());
        out.append(",\"metadata\":{\"version\":").append(OCSF_VERSION);
        field(out, "uid", incident.getIncidentId() + "@" + incident.getVersion());
        field(out, "original_time", incident.getUpdatedAt().toString());
        out.append(",\"product\":").append(product).append('}');
        unmapped(out, incident);
        return out.append('}').toString();
    }

    private static void findingInfo(StringBuilder out, Incident incident, List<RelatedEvents> relatedEvents, long updatedAt) {
        out.append(",\"finding_info\":{\"uid\":");
        JsonText.string(out, incident.getIncidentId());
        field(out, "title", incident.getTitle());
        out.append(",\"types\":[\"Tripline/Incident\"],\"first_seen_time\":").append(incident.getFirstSeen().toEpochMilli())
                .append(",\"last_seen_time\":").append(incident.getLastSeen().toEpochMilli())
                .append(",\"modified_time\":").append(updatedAt)
                .append(",\"related_events\":[");
        RelatedEvents.write(out, relatedEvents);
        out.append("]}");
    }

    private static void attacks(StringBuilder out, List<String> tactics) {
        if (tactics.isEmpty()) {
            return;
        }
        out.append(",\"attacks\":[");
        for (int i = 0; i < tactics.size(); i++) {
            String attack = ATTACKS.get(tactics.get(i)); // else a title in another form: Tactic.parse normalises it (a regex)
            out.append(i == 0 ? "" : ",").append(attack != null ? attack : attack(Tactic.parse(tactics.get(i)).orElseThrow()));
        }
        out.append(']');
    }

    /** Factors and playbooks, which OCSF has no attribute for, and the incident's version. */
    private static void unmapped(StringBuilder out, Incident incident) {
        out.append(",\"unmapped\":{\"risk_factors\":[");
        boolean first = true;
        for (RiskFactor factor : incident.getFactors()) {
            out.append(first ? "{\"name\":" : ",{\"name\":");
            first = false;
            JsonText.string(out, factor.getName());
            out.append(",\"points\":").append(factor.getPoints()).append(",\"evidence\":[");
            JsonText.strings(out, factor.getEvidence());
            out.append("]}");
        }
        out.append("],\"playbooks\":[");
        JsonText.strings(out, incident.getPlaybooks());
        out.append("],\"incident_version\":").append(incident.getVersion()).append('}');
    }

    /** {@code ,"name":value} after an earlier field of the same object. */
    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        JsonText.string(out, value);
    }

    /** The attacks array's element of a tactic. */
    private static String attack(Tactic tactic) {
        StringBuilder out = new StringBuilder(64).append("{\"tactic\":{\"uid\":");
        JsonText.string(out, tactic.uid());
        field(out, "name", tactic.title());
        return out.append("}}").toString();
    }

    private static String literal(String value) {
        StringBuilder out = new StringBuilder();
        JsonText.string(out, value);
        return out.toString();
    }

    /** The text {@code write} gives each constant of an enum. */
    private static <E extends Enum<E>> Map<E, String> constants(Class<E> type, BiConsumer<StringBuilder, E> write) {
        Map<E, String> out = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            StringBuilder text = new StringBuilder(128);
            write.accept(text, constant);
            out.put(constant, text.toString());
        }
        return out;
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
