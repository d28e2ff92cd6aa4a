package io.tripline.enrich.incident;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One correlatable signal in a single shape, whatever its origin: a finding version, a detection or a
 * CloudTrail event from the catalogue. Stored in the incident state and sent through the repartition
 * topic in a binary form with sorted maps (see {@link SignalCodec}), so its bytes are deterministic.
 *
 * @param id        member id: finding identity, detection id, or CloudTrail eventID
 * @param kind      FINDING, DETECTION or EVENT
 * @param source    GUARDDUTY, SECURITY_HUB, SIGMA or CLOUDTRAIL
 * @param accountId the AWS account the signal is about
 * @param region    AWS region
 * @param time      event time (ms): finding updatedAt, detection eventTime, CloudTrail eventTime
 * @param first     start of the activity (finding firstSeen, detection firstEventTime)
 * @param last      end of the activity
 * @param entity    correlation entity as {@code TYPE:id}, before aliases are applied
 * @param aliases   other entities this signal proves belong to {@code entity} (security groups, access keys)
 * @param name      finding type, rule id or eventName
 * @param title     human title
 * @param tactics   ATT&CK tactic names ({@code io.tripline.enrich.attack.Tactic})
 * @param severity  severity label name, or UNKNOWN
 * @param guardDutySeverity GuardDuty's 1.0-10.0 value, or null
 * @param count     GuardDuty count, else 1
 * @param sample    a sample finding
 * @param closed    a resolved, suppressed or archived finding
 * @param opener    may open an incident on its own
 * @param assetTags tags of the affected resource
 * @param evidence  ids for OCSF related_events: finding source id, CloudTrail eventIDs
 * @param flags     facts chains are recognised from (see {@link Flags})
 * @param detail    small facts such as the source IP, for titles and analysts
 */
public record Signal(String id, String kind, String source, String accountId, String region, long time, long first,
                     long last, String entity, List<String> aliases, String name, String title, List<String> tactics,
                     String severity, Double guardDutySeverity, long count, boolean sample, boolean closed, boolean opener,
                     Map<String, String> assetTags, List<String> evidence, List<String> flags, Map<String, String> detail) {

    public static final String FINDING = "FINDING";
    public static final String DETECTION = "DETECTION";
    public static final String EVENT = "EVENT";

    public Signal {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        tactics = tactics == null ? List.of() : List.copyOf(tactics);
        assetTags = assetTags == null ? Map.of() : new TreeMap<>(assetTags);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        flags = flags == null ? List.of() : List.copyOf(flags);
        detail = detail == null ? Map.of() : new TreeMap<>(detail);
        accountId = accountId == null ? "unknown" : accountId;
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }
}
