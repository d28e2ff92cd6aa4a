package io.tripline.enrich.incident;

import java.util.Map;

import io.tripline.enrich.attack.Tactic;
import io.tripline.schema.v1.SeverityLabel;

/**
 * The CloudTrail calls that take part in incident chains, with the fact they establish, their ATT&CK
 * tactic, a severity for scoring, what they are about (the caller, an instance, a security group, the
 * account) and whether they may open an incident alone. Everything else in CloudTrail is ignored by the
 * incident stage (except instance credentials used from outside, see {@link TrailSignals}), which keeps
 * the state small.
 */
final class TrailCatalogue {

    enum Target { ACTOR, INSTANCE, SECURITY_GROUP, ACCOUNT }

    record Entry(String flag, Tactic tactic, SeverityLabel severity, Target target, boolean opener) {
    }

    private static final Entry PERSIST = new Entry(Flags.IAM_PERSISTENCE, Tactic.PERSISTENCE, SeverityLabel.MEDIUM, Target.ACTOR, false);
    private static final Entry PRIVILEGE = new Entry(Flags.PRIVILEGE_CHANGE, Tactic.PRIVILEGE_ESCALATION, SeverityLabel.MEDIUM,
            Target.ACTOR, false);
    private static final Entry SG = new Entry(Flags.SECURITY_GROUP_CHANGE, Tactic.DEFENSE_EVASION, SeverityLabel.MEDIUM,
            Target.SECURITY_GROUP, false);
    private static final Entry BUCKET = new Entry(Flags.BUCKET_EXPOSURE, Tactic.EXFILTRATION, SeverityLabel.MEDIUM, Target.ACCOUNT, false);
    private static final Entry TAMPER = new Entry(Flags.TRAIL_TAMPERING, Tactic.DEFENSE_EVASION, SeverityLabel.HIGH, Target.ACCOUNT, true);
    private static final Entry TAMPER_CONFIG = new Entry(Flags.TRAIL_TAMPERING, Tactic.DEFENSE_EVASION, SeverityLabel.MEDIUM,
            Target.ACCOUNT, false);

    static final Map<String, Entry> ENTRIES = Map.ofEntries(
            Map.entry("CreateAccessKey", PERSIST),
            Map.entry("CreateLoginProfile", PERSIST),
            Map.entry("UpdateLoginProfile", PERSIST),
            Map.entry("CreateUser", PERSIST),
            Map.entry("AttachUserPolicy", PRIVILEGE),
            Map.entry("AttachRolePolicy", PRIVILEGE),
            Map.entry("AttachGroupPolicy", PRIVILEGE),
            Map.entry("PutUserPolicy", PRIVILEGE),
            Map.entry("PutRolePolicy", PRIVILEGE),
            Map.entry("PutGroupPolicy", PRIVILEGE),
            Map.entry("AddUserToGroup", PRIVILEGE),
            Map.entry("UpdateAssumeRolePolicy", PRIVILEGE),
            Map.entry("AuthorizeSecurityGroupIngress", SG),
            Map.entry("AuthorizeSecurityGroupEgress", SG),
            Map.entry("ModifySecurityGroupRules", SG),
            Map.entry("ModifyInstanceAttribute",
                    new Entry(Flags.USER_DATA_CHANGE, Tactic.EXECUTION, SeverityLabel.MEDIUM, Target.INSTANCE, false)),
            Map.entry("PutBucketPolicy", BUCKET),
            Map.entry("PutBucketAcl", BUCKET),
            Map.entry("DeleteBucketPublicAccessBlock", BUCKET),
            Map.entry("PutBucketPublicAccessBlock", BUCKET),
            Map.entry("DeletePublicAccessBlock", BUCKET),
            Map.entry("StopLogging", TAMPER),
            Map.entry("DeleteTrail", TAMPER),
            Map.entry("DeleteDetector", TAMPER),
            Map.entry("DisableSecurityHub", TAMPER),
            Map.entry("UpdateTrail", TAMPER_CONFIG),
            Map.entry("PutEventSelectors", TAMPER_CONFIG),
            Map.entry("StopConfigurationRecorder", TAMPER_CONFIG),
            Map.entry("ConsoleLogin", new Entry(Flags.LOGIN_FAILURE, Tactic.CREDENTIAL_ACCESS, SeverityLabel.LOW, Target.ACTOR, false)));

    private TrailCatalogue() {
    }
}
