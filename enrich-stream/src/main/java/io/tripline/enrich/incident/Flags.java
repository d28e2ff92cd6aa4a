package io.tripline.enrich.incident;

/**
 * The facts {@link Chains} recognises attack chains from. The signal mappers set them, so chain logic
 * does not depend on rule ids or on how a source spells its types.
 */
public final class Flags {

    public static final String INSTANCE_CREDENTIAL_EXFILTRATION = "instance-credential-exfiltration";
    public static final String OUTSIDE_IP = "instance-credentials-outside";
    public static final String IAM_ANOMALY = "iam-anomaly";
    public static final String IAM_PERSISTENCE = "iam-persistence";
    public static final String PRIVILEGE_CHANGE = "privilege-change";
    public static final String BRUTE_FORCE = "brute-force";
    public static final String SECURITY_GROUP_CHANGE = "security-group-change";
    public static final String USER_DATA_CHANGE = "user-data-change";
    public static final String COMMAND_AND_CONTROL = "command-and-control";
    public static final String CRYPTO_MINING = "crypto-mining";
    public static final String LOGIN_FAILURE = "console-login-failure";
    public static final String LOGIN_NO_MFA = "console-login-without-mfa";
    public static final String S3_FINDING = "s3-finding";
    public static final String BUCKET_EXPOSURE = "bucket-exposure";
    public static final String TRAIL_TAMPERING = "trail-tampering";
    public static final String INSTANCE = "instance";

    private Flags() {
    }
}
