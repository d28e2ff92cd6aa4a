package io.tripline.respond.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tripline.respond.playbook.ActionTypes;
import io.tripline.respond.playbook.IncidentFacts;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.FindingResource;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.SecurityFinding;
import jakarta.inject.Singleton;

/**
 * Reads what the responder needs out of an incident: the facts playbooks match on (with finding types,
 * rule ids and tags from its members) and the target of each action type (instance id, user, role,
 * bucket; the incident itself for notify).
 */
@Singleton
public class IncidentReader {

    private final EvidenceIndex index;

    public IncidentReader(EvidenceIndex index) {
        this.index = index;
    }

    public IncidentFacts facts(Incident incident) {
        Set<String> types = new LinkedHashSet<>();
        Set<String> rules = new LinkedHashSet<>();
        Map<String, String> tags = new LinkedHashMap<>();
        for (String member : incident.getMembers()) {
            SecurityFinding finding = index.finding(member);
            if (finding != null) {
                types.addAll(finding.getTypes());
                if (finding.getSecurityHubCopy()) {
                    finding.getTypes().forEach(t -> guardDutyType(t).ifPresent(types::add));
                }
                finding.getResources().forEach(r -> tags.putAll(r.getTags()));
            }
            Detection detection = index.detection(member);
            if (detection != null) {
                rules.add(detection.getRuleId());
            }
        }
        return new IncidentFacts(incident.getIncidentId(), types, rules, new LinkedHashSet<>(incident.getTactics()),
                incident.getRiskScore(), resourceType(incident), incident.getAccountId(), incident.getRegion(), tags);
    }

    /**
     * The GuardDuty type a Security Hub copy's ASFF type stands for: Security Hub files
     * {@code UnauthorizedAccess:EC2/SSHBruteForce} as {@code TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce}
     * (namespace path, then the type with its {@code /} turned into {@code -}). The copy and the GuardDuty record
     * share one identity on the findings topic and the index keeps whichever came last, so without this a
     * playbook written with GuardDuty types would match or not depending on which door delivered last.
     */
    static java.util.Optional<String> guardDutyType(String asffType) {
        String last = asffType.substring(asffType.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        int dash = last.indexOf('-', colon + 1);
        if (colon <= 0 || dash < 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(last.substring(0, dash) + "/" + last.substring(dash + 1));
    }

    /**
     * The resource type playbooks match on. enrich-stream names entities by kind (PRINCIPAL, INSTANCE,
     * ACCESS_KEY, BUCKET, ACCOUNT, IP, SECURITY_GROUP); a principal is refined from its ARN into the IAM
     * identity it is (IAMUser, Role, AssumedRole, Root), as GuardDuty and CloudTrail name them.
     */
    static String resourceType(Incident incident) {
        String type = incident.getEntity().getType();
        String id = incident.getEntity().getId();
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "PRINCIPAL", "SESSION" -> id.contains(":assumed-role/") ? "AssumedRole"
                    : id.contains(":role/") ? "Role"
                    : id.contains(":user/") ? "IAMUser"
                    : id.endsWith(":root") ? "Root" : "Principal";
            case "INSTANCE" -> "Instance";
            case "ACCESS_KEY" -> "AccessKey";
            case "BUCKET" -> "Bucket";
            case "ACCOUNT" -> "Account";
            case "IP" -> "IpAddress";
            case "SECURITY_GROUP" -> "SecurityGroup";
            default -> type;
        };
    }

    /** The targets of {@code actionType} for this incident; empty when the incident has none. */
    public List<String> targets(String actionType, Incident incident) {
        String type = resourceType(incident).toLowerCase(Locale.ROOT);
        String id = incident.getEntity().getId();
        List<String> out = new ArrayList<>();
        switch (actionType) {
            case ActionTypes.NOTIFY -> out.add(incident.getIncidentId());
            case ActionTypes.QUARANTINE_INSTANCE, ActionTypes.SNAPSHOT_VOLUMES -> {
                if (type.contains("instance")) {
                    out.add(id);
                }
                out.addAll(memberResources(incident, "instance"));
            }
            case ActionTypes.DISABLE_ACCESS_KEY -> {
                if (type.contains("user") || type.contains("accesskey") || type.contains("access-key")) {
                    out.add(lastSegment(id, "user/"));
                }
            }
            case ActionTypes.REVOKE_ROLE_SESSIONS -> {
                if (type.contains("role")) {
                    out.add(roleName(id));
                }
            }
            case ActionTypes.BLOCK_S3_PUBLIC_ACCESS -> {
                if (type.contains("bucket")) {
                    out.add(id.startsWith("arn:aws:s3:::") ? id.substring("arn:aws:s3:::".length()) : id);
                }
                out.addAll(memberResources(incident, "bucket"));
            }
            default -> throw new IllegalArgumentException("unknown action type " + actionType);
        }
        return out.stream().distinct().collect(Collectors.toList());
    }

    private List<String> memberResources(Incident incident, String kind) {
        List<String> out = new ArrayList<>();
        for (String member : incident.getMembers()) {
            SecurityFinding finding = index.finding(member);
            if (finding != null) {
                for (FindingResource r : finding.getResources()) {
                    if (r.getType().toLowerCase(Locale.ROOT).contains(kind)) {
                        out.add(r.getId());
                    }
                }
            }
        }
        return out;
    }

    /** web-role from arn:aws:sts::1:assumed-role/web-role/session or arn:aws:iam::1:role/path/web-role. */
    static String roleName(String id) {
        if (id.contains(":assumed-role/")) {
            return id.substring(id.indexOf(":assumed-role/") + ":assumed-role/".length()).split("/")[0];
        }
        if (id.contains(":role/")) {
            String path = id.substring(id.indexOf(":role/") + ":role/".length());
            return path.substring(path.lastIndexOf('/') + 1);
        }
        return id;
    }

    private static String lastSegment(String id, String marker) {
        int at = id.indexOf(marker);
        return at < 0 ? id : id.substring(at + marker.length());
    }
}
