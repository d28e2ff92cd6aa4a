package io.tripline.respond.action;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.respond.playbook.ActionTypes;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Deactivates a user's access keys (not deletes: the key id stays for the investigation and rollback
 * can re-activate it). The target is {@code USER} (every active key) or {@code USER/AKIA...} (one key);
 * the keys it deactivated are recorded.
 */
@Singleton
public class DisableAccessKey implements ActionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DisableAccessKey.class);

    @Override
    public String type() {
        return ActionTypes.DISABLE_ACCESS_KEY;
    }

    @Override
    public void prepare(ActionContext ctx) {
        if (ctx.details().containsKey("keys")) {
            return;
        }
        String only = keyId(ctx.target());
        List<String> active = keys(ctx).stream().filter(k -> k.status() == StatusType.ACTIVE)
                .map(AccessKeyMetadata::accessKeyId).filter(id -> only == null || id.equals(only)).sorted().toList();
        ctx.details().put("user", user(ctx.target()));
        ctx.details().put("keys", String.join(",", active));
    }

    @Override
    public void execute(ActionContext ctx) {
        for (String key : recorded(ctx)) {
            ctx.aws().iam().updateAccessKey(r -> r.userName(user(ctx.target())).accessKeyId(key).status(StatusType.INACTIVE));
            LOG.info("Action {}: access key {} of {} deactivated", ctx.actionId(), key, user(ctx.target()));
        }
    }

    @Override
    public boolean verify(ActionContext ctx) {
        List<String> recorded = recorded(ctx);
        return keys(ctx).stream().filter(k -> recorded.contains(k.accessKeyId()))
                .allMatch(k -> k.status() == StatusType.INACTIVE);
    }

    @Override
    public boolean supportsRollback() {
        return true;
    }

    @Override
    public void rollback(ActionContext ctx) {
        for (String key : recorded(ctx)) {
            ctx.aws().iam().updateAccessKey(r -> r.userName(user(ctx.target())).accessKeyId(key).status(StatusType.ACTIVE));
            LOG.info("Action {}: access key {} of {} re-activated", ctx.actionId(), key, user(ctx.target()));
        }
    }

    private static List<AccessKeyMetadata> keys(ActionContext ctx) {
        return ctx.aws().iam().listAccessKeys(r -> r.userName(user(ctx.target()))).accessKeyMetadata();
    }

    private static List<String> recorded(ActionContext ctx) {
        String keys = ctx.details().getOrDefault("keys", "");
        return keys.isEmpty() ? List.of() : List.of(keys.split(","));
    }

    static String user(String target) {
        int slash = target.indexOf('/');
        return slash < 0 ? target : target.substring(0, slash);
    }

    static String keyId(String target) {
        int slash = target.indexOf('/');
        return slash < 0 ? null : target.substring(slash + 1);
    }
}
