package io.tripline.simulator.core;

/**
 * Who made a call, as CloudTrail's userIdentity shows it: an IAM user (by access key), an assumed-role
 * session (temporary credentials from STS AssumeRole), or the account root for unknown keys in the
 * permissive default account.
 *
 * @param type             CloudTrail userIdentity.type: IAMUser, AssumedRole, Root
 * @param arn              user ARN or {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}
 * @param principalId      AIDA... for users, AROA...:session for roles
 * @param accountId        the account the call acts in
 * @param accessKeyId      the key used
 * @param userName         for IAM users
 * @param sessionIssuerArn for assumed roles, the role ARN
 */
public record Caller(String type, String arn, String principalId, String accountId, String accessKeyId,
                     String userName, String sessionIssuerArn) {
}
