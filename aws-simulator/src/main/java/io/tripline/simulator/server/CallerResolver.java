package io.tripline.simulator.server;

import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.Caller;
import io.tripline.simulator.core.World;
import java.util.regex.Pattern;

/**
 * Maps an access key to its caller: a registered key (IAM user key, STS session) is that caller; a
 * key of exactly twelve digits acts as the root of that account (as LocalStack does, so clients can
 * reach scenario accounts without seeded keys); any other key is the default account's root in
 * permissive mode, or refused with {@code InvalidClientTokenId} otherwise.
 */
final class CallerResolver {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private CallerResolver() {
    }

    static Caller resolve(World world, String accessKeyId, boolean permissive) {
        return world.caller(accessKeyId).orElseGet(() -> {
            if (ACCOUNT_ID.matcher(accessKeyId).matches()) {
                return root(accessKeyId, accessKeyId);
            }
            if (!permissive) {
                throw new AwsError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
            }
            return root(World.DEFAULT_ACCOUNT, accessKeyId);
        });
    }

    static Caller root(String accountId, String accessKeyId) {
        return new Caller("Root", "arn:aws:iam::" + accountId + ":root", accountId, accountId, accessKeyId, null, null);
    }
}
