package io.tripline.enrich.incident;

import static io.tripline.enrich.incident.Samples.ACCOUNT;
import static io.tripline.enrich.incident.Samples.consoleLogin;
import static io.tripline.enrich.incident.Samples.event;
import static io.tripline.enrich.incident.Samples.finding;
import static io.tripline.enrich.incident.Samples.onAccessKey;
import static io.tripline.enrich.incident.Samples.onBucket;
import static io.tripline.enrich.incident.Samples.onInstance;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The five attack chains of issue 6 as raw inputs in event-time order; tests pipe them as they are,
 * shuffled, or twice.
 */
final class Scenarios {

    static final String EXFIL_INSTANCE = "i-0abc1234def567890";
    static final String INSTANCE_ROLE_SESSION = "arn:aws:sts::" + ACCOUNT + ":assumed-role/web-role/" + EXFIL_INSTANCE;
    static final String BRUTE_INSTANCE = "i-0bbb1234def567890";
    static final String ALICE = "arn:aws:iam::" + ACCOUNT + ":user/alice";
    static final String CAROL = "arn:aws:iam::" + ACCOUNT + ":user/carol";
    static final String DAVE = "arn:aws:iam::" + ACCOUNT + ":user/dave";
    static final String OUTSIDE_IP = "203.0.113.50";

    /** One raw input: a GuardDuty finding or a CloudTrail record. */
    record Input(boolean finding, ObjectNode json) {
        void pipe(IncidentDriver driver) {
            if (finding) {
                driver.guardDuty(json);
            } else {
                driver.trail(json);
            }
        }
    }

    private Scenarios() {
    }

    static Input gd(ObjectNode json) {
        return new Input(true, json);
    }

    static Input ct(ObjectNode json) {
        return new Input(false, json);
    }

    /** (1) Instance credentials exfiltrated: GuardDuty finding plus the session's calls from an outside IP. */
    static List<Input> credentialExfiltration() {
        return List.of(
                ct(event("ev-exfil-1", "2026-03-01T09:55:00Z", "sts.amazonaws.com", "GetCallerIdentity", INSTANCE_ROLE_SESSION,
                        OUTSIDE_IP, null)),
                ct(event("ev-exfil-own", "2026-03-01T09:56:00Z", "s3.amazonaws.com", "ListBuckets", INSTANCE_ROLE_SESSION,
                        "10.0.1.5", null)),
                gd(onAccessKey(finding("exfil01", "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", 8.0,
                        "2026-03-01T10:00:00Z"), "ASIAEXAMPLESESSION01", "web-role", "AssumedRole",
                        "AROAEXAMPLEROLE:" + EXFIL_INSTANCE)),
                ct(event("ev-exfil-2", "2026-03-01T10:01:00Z", "s3.amazonaws.com", "ListBuckets", INSTANCE_ROLE_SESSION,
                        OUTSIDE_IP, null)));
    }

    /** (2) Anomalous IAM behaviour, then the same principal creates keys, attaches admin, adds a login profile. */
    static List<Input> iamAnomalyWithPersistence() {
        return List.of(
                gd(onAccessKey(finding("iam01", "CredentialAccess:IAMUser/AnomalousBehavior", 5.0, "2026-03-01T10:00:00Z"),
                        "AKIAEXAMPLEUSER00001", "alice", "IAMUser", "AIDAEXAMPLEALICE")),
                ct(event("ev-iam-1", "2026-03-01T10:05:00Z", "iam.amazonaws.com", "CreateAccessKey", ALICE, "198.51.100.9",
                        "{\"userName\":\"bob\"}")),
                ct(event("ev-iam-2", "2026-03-01T10:06:00Z", "iam.amazonaws.com", "AttachUserPolicy", ALICE, "198.51.100.9",
                        "{\"userName\":\"bob\",\"policyArn\":\"arn:aws:iam::aws:policy/AdministratorAccess\"}")),
                ct(event("ev-iam-3", "2026-03-01T10:07:00Z", "iam.amazonaws.com", "CreateLoginProfile", ALICE, "198.51.100.9",
                        "{\"userName\":\"bob\"}")));
    }

    /** A Medium SSH brute-force finding on {@link #BRUTE_INSTANCE} at 10:00, untagged, naming {@code securityGroups}. */
    static ObjectNode sshBruteForce(String... securityGroups) {
        return onInstance(finding("brute01", "UnauthorizedAccess:EC2/SSHBruteForce", 5.0, "2026-03-01T10:00:00Z"),
                BRUTE_INSTANCE, Map.of(), securityGroups);
    }

    /** (3) SSH brute force on a production instance, its security group opened, user data changed, then C&C. */
    static List<Input> bruteForceFollowUp() {
        return List.of(
                gd(onInstance(finding("brute01", "UnauthorizedAccess:EC2/SSHBruteForce", 2.0, "2026-03-01T10:00:00Z"),
                        BRUTE_INSTANCE, Map.of("Environment", "production"), "sg-0aaa1111")),
                ct(event("ev-sg-1", "2026-03-01T10:20:00Z", "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress",
                        "arn:aws:iam::" + ACCOUNT + ":user/ops", "198.51.100.10",
                        "{\"groupId\":\"sg-0aaa1111\",\"ipPermissions\":{\"items\":[{\"fromPort\":22,\"toPort\":22,"
                                + "\"ipRanges\":{\"items\":[{\"cidrIp\":\"0.0.0.0/0\"}]}}]}}")),
                ct(event("ev-ud-1", "2026-03-01T10:25:00Z", "ec2.amazonaws.com", "ModifyInstanceAttribute",
                        "arn:aws:iam::" + ACCOUNT + ":user/ops", "198.51.100.10",
                        "{\"instanceId\":\"" + BRUTE_INSTANCE + "\",\"userData\":\"<sensitiveDataRemoved>\"}")),
                gd(onInstance(finding("c2-01", "Backdoor:EC2/C&CActivity.B!DNS", 8.0, "2026-03-01T10:40:00Z"),
                        BRUTE_INSTANCE, Map.of("Environment", "production"), "sg-0aaa1111")));
    }

    /** (4) Console login failures, a success without MFA, then admin attached by the same user. */
    static List<Input> consoleTakeover() {
        return List.of(
                ct(consoleLogin("ev-login-1", "2026-03-01T10:00:00Z", CAROL, "198.51.100.7", false, false)),
                ct(consoleLogin("ev-login-2", "2026-03-01T10:01:00Z", CAROL, "198.51.100.7", false, false)),
                ct(consoleLogin("ev-login-3", "2026-03-01T10:02:00Z", CAROL, "198.51.100.7", false, false)),
                ct(consoleLogin("ev-login-4", "2026-03-01T10:03:00Z", CAROL, "198.51.100.7", true, false)),
                ct(event("ev-login-5", "2026-03-01T10:10:00Z", "iam.amazonaws.com", "AttachUserPolicy", CAROL, "198.51.100.7",
                        "{\"userName\":\"carol\",\"policyArn\":\"arn:aws:iam::aws:policy/AdministratorAccess\"}")));
    }

    /** (5) Public-access block removed, bucket policy opened, CloudTrail stopped, GuardDuty sees exfiltration. */
    static List<Input> dataExposureWithTrailTampering() {
        return List.of(
                ct(event("ev-s3-1", "2026-03-01T09:50:00Z", "s3.amazonaws.com", "DeleteBucketPublicAccessBlock", DAVE,
                        "198.51.100.11", "{\"bucketName\":\"payroll-data\"}")),
                ct(event("ev-s3-2", "2026-03-01T09:52:00Z", "s3.amazonaws.com", "PutBucketPolicy", DAVE, "198.51.100.11",
                        "{\"bucketName\":\"payroll-data\",\"bucketPolicy\":{\"Statement\":[{\"Principal\":\"*\"}]}}")),
                ct(event("ev-trail-1", "2026-03-01T09:55:00Z", "cloudtrail.amazonaws.com", "StopLogging", DAVE, "198.51.100.11",
                        "{\"name\":\"org-trail\"}")),
                gd(onBucket(onAccessKey(finding("s3exfil01", "Exfiltration:S3/AnomalousBehavior", 8.0, "2026-03-01T10:00:00Z"),
                        "AKIAEXAMPLEDAVE00001", "dave", "IAMUser", "AIDAEXAMPLEDAVE"), "payroll-data",
                        Map.of("DataClassification", "confidential"))));
    }

    static void pipe(IncidentDriver driver, List<Input> inputs) {
        inputs.forEach(input -> input.pipe(driver));
    }

    /** Every chain above through {@code driver}, then a day of stream time: its transcript, for byte-identity checks. */
    static List<String> transcriptOfAllChains(IncidentDriver driver) {
        pipe(driver, credentialExfiltration());
        pipe(driver, iamAnomalyWithPersistence());
        pipe(driver, bruteForceFollowUp());
        pipe(driver, consoleTakeover());
        pipe(driver, dataExposureWithTrailTampering());
        driver.advanceTo("2026-03-01T12:00:00Z");
        driver.advanceTo("2026-03-02T12:00:00Z");
        return driver.transcript();
    }
}
