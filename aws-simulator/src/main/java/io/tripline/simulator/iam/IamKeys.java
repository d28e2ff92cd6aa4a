package io.tripline.simulator.iam;

import io.tripline.simulator.core.Caller;
import io.tripline.simulator.core.World;

/**
 * Key-status lookups for the server: after a responder calls UpdateAccessKey Status=Inactive, AWS
 * refuses that key with 403 InvalidClientTokenId. The server (not this package) enforces it by asking
 * {@link #isKeyActive} before dispatching a call.
 */
public final class IamKeys {

    private IamKeys() {
    }

    /**
     * False only when the key is an IAM user key whose status is Inactive; keys IAM does not know
     * (STS session keys, account-id keys, the permissive default) count as active.
     */
    public static boolean isKeyActive(World world, String accessKeyId) {
        if (accessKeyId == null) {
            return true;
        }
        Caller caller = world.caller(accessKeyId).orElse(null);
        if (caller == null || !"IAMUser".equals(caller.type())) {
            return true;
        }
        return world.findAccount(caller.accountId())
                .map(account -> account.global(IamState.class, () -> new IamState(account.id())).findKey(accessKeyId))
                .map(key -> !"Inactive".equals(key.status))
                .orElse(true);
    }
}
