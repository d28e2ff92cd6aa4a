package io.tripline.respond.action;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.respond.playbook.ActionTypes;
import jakarta.inject.Singleton;

/**
 * Denies every session of a role issued before now, as the console's "Revoke active sessions" does
 * (AWSRevokeOlderSessions): STS sessions cannot be revoked, only denied by an inline policy with an
 * {@code aws:TokenIssueTime} DateLessThan condition. New sessions (after the fix) keep working. Not
 * rolled back: removing the deny would re-enable the leaked credentials.
 */
@Singleton
public class RevokeRoleSessions implements ActionHandler {

    public static final String POLICY_NAME = "AWSRevokeOlderSessions";
    private static final Logger LOG = LoggerFactory.getLogger(RevokeRoleSessions.class);

    private final Clock clock;

    public RevokeRoleSessions(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String type() {
        return ActionTypes.REVOKE_ROLE_SESSIONS;
    }

    @Override
    public void prepare(ActionContext ctx) {
        ctx.details().putIfAbsent("token-issue-time-before",
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    }

    @Override
    public void execute(ActionContext ctx) {
        String policy = policy(ctx.details().get("token-issue-time-before"));
        ctx.aws().iam().putRolePolicy(r -> r.roleName(ctx.target()).policyName(POLICY_NAME).policyDocument(policy));
        ctx.details().put("policy", POLICY_NAME);
        LOG.info("Action {}: sessions of role {} issued before {} denied", ctx.actionId(), ctx.target(),
                ctx.details().get("token-issue-time-before"));
    }

    @Override
    public boolean verify(ActionContext ctx) {
        try {
            String document = ctx.aws().iam().getRolePolicy(r -> r.roleName(ctx.target()).policyName(POLICY_NAME))
                    .policyDocument();
            // IAM returns policy documents URL-encoded (RFC 3986)
            String decoded = URLDecoder.decode(document, StandardCharsets.UTF_8);
            return decoded.contains("aws:TokenIssueTime") && decoded.contains(ctx.details().get("token-issue-time-before"));
        } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException e) {
            return false;
        }
    }

    static String policy(String before) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],"
                + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + before + "\"}}}]}";
    }
}
