package io.tripline.enrich.incident;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.enrich.attack.FindingTactics;
import io.tripline.enrich.attack.Tactic;
import io.tripline.enrich.ocsf.OcsfActivity;
import io.tripline.enrich.topology.FindingVersion;
import io.tripline.schema.v1.FindingResource;
import io.tripline.schema.v1.FindingSource;
import io.tripline.schema.v1.SecurityFinding;

/**
 * Finding versions as signals. The entity is what the finding is about: an S3 finding correlates with
 * its account (data exposure and trail tampering are account-wide), an EC2 finding with its instance
 * (and teaches that the instance's security groups and access key belong to it), an IAM finding with
 * the principal, an instance-credential finding with the instance its session is named after.
 */
final class FindingSignals {

    private static final Pattern IAM_ANOMALY = Pattern.compile("(CredentialAccess|Persistence|PrivilegeEscalation|Discovery"
            + "|Exfiltration|Impact|DefenseEvasion|InitialAccess|Stealth):IAMUser/.*");

    private FindingSignals() {
    }

    /**
     * Whether a finding is about activity rather than posture: Security Hub's control findings
     * ({@code Software and Configuration Checks/...}) describe configuration, and would otherwise pile up
     * in an account-wide incident; they stay on tripline.findings for the posture view.
     */
    static boolean isActivity(FindingVersion version) {
        SecurityFinding finding = version.finding();
        if (finding.getSource() == FindingSource.GUARDDUTY || finding.getSecurityHubCopy()) {
            return true;
        }
        return finding.getTypes().stream().anyMatch(t -> !t.startsWith("Software and Configuration Checks"));
    }

    static Signal of(FindingVersion version) {
        SecurityFinding finding = version.finding();
        String account = finding.getAccountId();
        List<String> types = List.copyOf(finding.getTypes());
        String type = types.isEmpty() ? "" : types.get(0);
        List<String> flags = flags(types);
        List<String> aliases = new ArrayList<>();
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, String> detail = new LinkedHashMap<>();

        String instance = null;
        String bucket = null;
        String accessKey = null;
        String principalArn = null;
        for (FindingResource resource : finding.getResources()) {
            String rtype = resource.getType();
            if ("AwsEc2Instance".equals(rtype)) {
                instance = tail(resource.getId());
                tags.putAll(resource.getTags());
                securityGroups(resource.getDetails()).forEach(sg -> aliases.add(EntityKeys.of(EntityKeys.SECURITY_GROUP, sg)));
            } else if ("AwsS3Bucket".equals(rtype)) {
                bucket = bucket == null ? resource.getId().replace("arn:aws:s3:::", "") : bucket;
                tags.putAll(resource.getTags());
            } else if ("AwsIamAccessKey".equals(rtype)) {
                accessKey = resource.getId();
                JsonNode details = resource.getDetails() == null ? null : Json.parse(resource.getDetails());
                if (details != null) {
                    principalArn = EntityKeys.principalArn(account, Json.text(details, "userType"),
                            Json.text(details, "userName"), Json.text(details, "principalId"));
                }
            }
        }
        if (finding.getPrincipal() != null) {
            accessKey = accessKey == null ? finding.getPrincipal().getAccessKeyId() : accessKey;
            if (principalArn == null) {
                principalArn = finding.getPrincipal().getArn() != null ? finding.getPrincipal().getArn()
                        : EntityKeys.principalArn(account, finding.getPrincipal().getType(), finding.getPrincipal().getUserName(), null);
            }
        }
        String remoteIp = finding.getNetwork() == null ? null : finding.getNetwork().getRemoteIp();

        String entity;
        if (flags.contains(Flags.S3_FINDING) || bucket != null && instance == null) {
            entity = EntityKeys.of(EntityKeys.ACCOUNT, account);
        } else if (instance != null) {
            entity = EntityKeys.of(EntityKeys.INSTANCE, instance);
        } else if (principalArn != null) {
            entity = EntityKeys.principal(principalArn);
        } else if (accessKey != null) {
            entity = EntityKeys.of(EntityKeys.ACCESS_KEY, accessKey);
        } else if (remoteIp != null) {
            entity = EntityKeys.of(EntityKeys.IP, remoteIp);
        } else {
            entity = EntityKeys.of(EntityKeys.ACCOUNT, account);
        }
        if (entity.startsWith(EntityKeys.INSTANCE + ":")) {
            flags = new java.util.ArrayList<>(flags);
            flags.add(Flags.INSTANCE);
            flags = List.copyOf(new TreeSet<>(flags));
        }
        if (accessKey != null && !entity.equals(EntityKeys.of(EntityKeys.ACCESS_KEY, accessKey))) {
            aliases.add(EntityKeys.of(EntityKeys.ACCESS_KEY, accessKey));
        }
        putIfPresent(detail, "bucket", bucket);
        putIfPresent(detail, "remoteIp", remoteIp);
        putIfPresent(detail, "principal", principalArn);

        long time = finding.getUpdatedAt().toEpochMilli();
        long first = finding.getFirstSeen() == null ? time : Math.min(time, finding.getFirstSeen().toEpochMilli());
        long last = finding.getLastSeen() == null ? time : finding.getLastSeen().toEpochMilli();
        boolean closed = version.activity() == OcsfActivity.CLOSE;
        Double guardDuty = guardDutySeverity(finding);
        return new Signal(finding.getIdentity(), Signal.FINDING,
                finding.getSource() == FindingSource.GUARDDUTY || finding.getSecurityHubCopy() ? "GUARDDUTY" : "SECURITY_HUB",
                account, finding.getRegion(), time, first, last, entity, List.copyOf(new TreeSet<>(aliases)), type,
                finding.getTitle() == null ? type : finding.getTitle(),
                FindingTactics.of(types).stream().map(Tactic::name).toList(), finding.getSeverity().getLabel().name(), guardDuty,
                finding.getCount(), finding.getSample(), closed, !closed, tags, List.of(finding.getSourceId()), flags, detail);
    }

    static List<String> flags(List<String> types) {
        TreeSet<String> flags = new TreeSet<>();
        for (String type : types) {
            if (type.startsWith("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration")) {
                flags.add(Flags.INSTANCE_CREDENTIAL_EXFILTRATION);
            } else if (type.contains(":IAMUser/") && IAM_ANOMALY.matcher(type).matches()) {
                flags.add(Flags.IAM_ANOMALY);
            }
            if (type.contains("SSHBruteForce") || type.contains("RDPBruteForce")) {
                flags.add(Flags.BRUTE_FORCE);
            }
            if (type.startsWith("Backdoor:EC2") || type.startsWith("Trojan:EC2") || type.contains("C&C")) {
                flags.add(Flags.COMMAND_AND_CONTROL);
            }
            if (type.startsWith("CryptoCurrency:") || type.startsWith("Impact:EC2/BitcoinDomainRequest")) {
                flags.add(Flags.CRYPTO_MINING);
            }
            if (type.contains(":S3/")) {
                flags.add(Flags.S3_FINDING);
            }
        }
        return List.copyOf(flags);
    }

    /** GuardDuty's own 1.0-10.0 value (also on Security Hub copies), so scoring can use its half-open bands. */
    private static Double guardDutySeverity(SecurityFinding finding) {
        boolean guardDuty = finding.getSource() == FindingSource.GUARDDUTY || finding.getSecurityHubCopy();
        String original = finding.getSeverity().getOriginal();
        if (!guardDuty || original == null) {
            return null;
        }
        try {
            return Double.parseDouble(original);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> securityGroups(String details) {
        List<String> out = new ArrayList<>();
        if (details == null) {
            return out;
        }
        for (JsonNode ni : Json.parse(details).path("networkInterfaces")) {
            for (JsonNode sg : ni.path("securityGroups")) {
                String id = Json.text(sg, "groupId");
                if (id != null) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    /** ASFF resource ids are ARNs ({@code arn:aws:ec2:...:instance/i-0abc}); GuardDuty's are bare ids. */
    private static String tail(String id) {
        return id.contains("/") ? id.substring(id.lastIndexOf('/') + 1) : id;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
