package io.tripline.enrich.ocsf;

import java.util.List;

import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.RuleLevel;

/**
 * A detection's OCSF record as text, assembled from the parts that depend only on its rule (header, texts,
 * analytic, attacks: escaped once, in {@link Template}) and the few values each detection brings (its id, times,
 * evidence, account, region and entity). A third of the records a topology reads raise a detection, and writing
 * each of its fifty-odd fields through a JSON generator was a fifth of a replay's topology thread. The text is the
 * one {@link OcsfMapper}'s generator wrote before, byte for byte ({@code DetectionOcsfTest} compares it with a
 * Jackson tree of the same record).
 */
final class DetectionOcsf {

    /** What a template is built from: everything in a detection that comes from its rule. */
    record RuleKey(String ruleId, String title, String description, RuleLevel level, List<String> tags) {

        static RuleKey of(Detection detection) {
            return new RuleKey(detection.getRuleId(), detection.getRuleTitle(), detection.getDescription(),
                    detection.getLevel(), detection.getTags());
        }
    }

    /**
     * The constant runs of text between a rule's detections' values: {@code head} up to the time,
     * {@code texts} from the title to the types, {@code analytic} up to the first related event, and
     * {@code attacks} from the end of the related events to the cloud's provider.
     */
    record Template(String head, String texts, String analytic, String attacks) {

        /** Room for a detection's text: the constant runs, the rest of the record and its related events. */
        int capacity(int events) {
            return head.length() + texts.length() + analytic.length() + attacks.length() + 1024 + 64 * events;
        }

        static Template of(RuleKey rule, String attacksJson) {
            int severityId = OcsfMapper.severityId(rule.level());
            OcsfActivity create = OcsfActivity.CREATE;
            StringBuilder head = new StringBuilder(320)
                    .append("{\"class_uid\":").append(OcsfMapper.CLASS_UID)
                    .append(",\"class_name\":\"Detection Finding\",\"category_uid\":").append(OcsfMapper.CATEGORY_UID)
                    .append(",\"category_name\":\"Findings\",\"activity_id\":").append(create.id());
            field(head, "activity_name", create.caption());
            head.append(",\"type_uid\":").append(OcsfMapper.CLASS_UID * 100L + create.id());
            field(head, "type_name", "Detection Finding: " + create.caption());
            head.append(",\"severity_id\":").append(severityId);
            field(head, "severity", OcsfMapper.severityCaption(severityId));
            head.append(",\"time\":");

            StringBuilder texts = new StringBuilder(256).append(",\"title\":").append(OcsfMapper.literal(rule.title()));
            if (rule.description() != null) {
                texts.append(",\"desc\":").append(OcsfMapper.literal(rule.description()));
            }
            texts.append(",\"types\":[").append(OcsfMapper.literal("Sigma/" + rule.ruleId())).append(']');

            String analytic = ",\"analytic\":{\"uid\":" + OcsfMapper.literal(rule.ruleId()) + ",\"name\":"
                    + OcsfMapper.literal(rule.title()) + ",\"type_id\":1,\"type\":\"Rule\"},\"related_events\":[";
            String attacks = "]}" + (attacksJson == null ? "" : ",\"attacks\":" + attacksJson)
                    + ",\"cloud\":{\"provider\":\"AWS\"";
            return new Template(head.toString(), texts.toString(), analytic, attacks);
        }
    }

    private DetectionOcsf() {
    }

    static String write(Template template, Detection detection, String productVersion) {
        StringBuilder out = new StringBuilder(template.capacity(detection.getEvidence().size()));
        out.append(template.head()).append(detection.getEventTime().toEpochMilli());
        out.append(",\"finding_info\":{\"uid\":");
        JsonText.string(out, detection.getDetectionId());
        out.append(template.texts());
        out.append(",\"first_seen_time\":").append(detection.getFirstEventTime() == null
                ? detection.getEventTime().toEpochMilli() : detection.getFirstEventTime().toEpochMilli());
        out.append(",\"last_seen_time\":").append(detection.getEventTime().toEpochMilli());
        out.append(template.analytic());
        boolean first = true;
        for (String eventId : detection.getEvidence()) {
            out.append(first ? "{\"uid\":" : ",{\"uid\":");
            JsonText.string(out, eventId);
            out.append(",\"type\":\"CloudTrail\"}");
            first = false;
        }
        out.append(template.attacks());
        if (detection.getRegion() != null) {
            field(out, "region", detection.getRegion());
        }
        if (detection.getAccountId() != null) {
            out.append(",\"account\":{\"uid\":");
            JsonText.string(out, detection.getAccountId());
            out.append(",\"type\":\"AWS Account\",\"type_id\":10}");
        }
        out.append("},\"resources\":[{\"uid\":");
        JsonText.string(out, detection.getEntity().getId());
        field(out, "type", detection.getEntity().getType().name());
        out.append("}],\"status_id\":1,\"status\":\"New\",\"is_alert\":true,\"osint\":[],\"metadata\":{\"version\":\"")
                .append(OcsfMapper.OCSF_VERSION).append("\",\"uid\":");
        JsonText.string(out, detection.getDetectionId());
        out.append(",\"original_time\":");
        JsonText.string(out, detection.getEventTime().toString());
        out.append(",\"product\":{\"name\":\"").append(OcsfMapper.PRODUCT).append("\",\"vendor_name\":\"")
                .append(OcsfMapper.PRODUCT).append("\",\"version\":");
        JsonText.string(out, productVersion);
        return out.append("}}}").toString();
    }

    /** {@code ,"name":value} with the value written as a JSON string. */
    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        JsonText.string(out, value);
    }

}
