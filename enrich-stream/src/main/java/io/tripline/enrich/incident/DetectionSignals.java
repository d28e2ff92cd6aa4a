package io.tripline.enrich.incident;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.tripline.enrich.attack.Tactic;
import io.tripline.schema.v1.Detection;

/**
 * Detections as signals. The detection's entity decides the correlation (buckets are account-wide, like
 * S3 findings); the ATT&CK tactics come from its Sigma tags, so nothing here depends on rule ids.
 */
final class DetectionSignals {

    private static final Pattern NOT_A_TACTIC = Pattern.compile("attack\\.[tgs]\\d+.*");

    private DetectionSignals() {
    }

    static Signal of(Detection detection) {
        String account = detection.getAccountId();
        String id = detection.getEntity().getId();
        String entity = switch (detection.getEntity().getType()) {
            case PRINCIPAL, SESSION -> id.startsWith("arn:") ? EntityKeys.principal(id) : EntityKeys.of(EntityKeys.PRINCIPAL, id);
            case INSTANCE -> EntityKeys.of(EntityKeys.INSTANCE, id);
            case ACCESS_KEY -> EntityKeys.of(EntityKeys.ACCESS_KEY, id);
            case IP -> EntityKeys.of(EntityKeys.IP, id);
            case BUCKET, ACCOUNT, UNKNOWN -> EntityKeys.of(EntityKeys.ACCOUNT, account == null ? "unknown" : account);
        };
        long time = detection.getEventTime().toEpochMilli();
        long first = detection.getFirstEventTime() == null ? time : detection.getFirstEventTime().toEpochMilli();
        List<String> tactics = tactics(detection.getTags());
        return new Signal(detection.getDetectionId(), Signal.DETECTION, "SIGMA", account, detection.getRegion(), time, first, time,
                entity, List.of(), detection.getRuleId(), detection.getRuleTitle(), tactics, detection.getLevel().name(), null, 1,
                false, false, true, Map.of(), List.copyOf(detection.getEvidence()), List.of(),
                detection.getEntity().getType().name().equals("BUCKET") ? Map.of("bucket", id) : Map.of());
    }

    /** Sigma tags {@code attack.<tactic>}, skipping technique, group and software ids. */
    static List<String> tactics(List<String> tags) {
        return tags.stream()
                .filter(t -> t.startsWith("attack.") && !NOT_A_TACTIC.matcher(t).matches())
                .map(t -> Tactic.parse(t.substring("attack.".length())))
                .flatMap(java.util.Optional::stream)
                .distinct()
                .map(Tactic::name)
                .toList();
    }
}
