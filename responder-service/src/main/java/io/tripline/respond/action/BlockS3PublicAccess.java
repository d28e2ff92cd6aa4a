package io.tripline.respond.action;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.respond.playbook.ActionTypes;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns on all four Block Public Access settings of a bucket, after recording the previous ones
 * ({@code none} when the bucket had no configuration) so rollback restores exactly what was there.
 */
@Singleton
public class BlockS3PublicAccess implements ActionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BlockS3PublicAccess.class);
    private static final PublicAccessBlockConfiguration ALL_ON = PublicAccessBlockConfiguration.builder()
            .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true).build();

    @Override
    public String type() {
        return ActionTypes.BLOCK_S3_PUBLIC_ACCESS;
    }

    @Override
    public void prepare(ActionContext ctx) {
        if (!ctx.details().containsKey("previous")) {
            PublicAccessBlockConfiguration current = current(ctx);
            ctx.details().put("previous", current == null ? "none" : encode(current));
        }
    }

    @Override
    public void execute(ActionContext ctx) {
        ctx.aws().s3().putPublicAccessBlock(r -> r.bucket(ctx.target()).publicAccessBlockConfiguration(ALL_ON));
        LOG.info("Action {}: public access blocked on bucket {}", ctx.actionId(), ctx.target());
    }

    @Override
    public boolean verify(ActionContext ctx) {
        return ALL_ON.equals(current(ctx));
    }

    @Override
    public boolean supportsRollback() {
        return true;
    }

    @Override
    public void rollback(ActionContext ctx) {
        String previous = ctx.details().getOrDefault("previous", "none");
        if ("none".equals(previous)) {
            ctx.aws().s3().deletePublicAccessBlock(r -> r.bucket(ctx.target()));
        } else {
            ctx.aws().s3().putPublicAccessBlock(r -> r.bucket(ctx.target()).publicAccessBlockConfiguration(decode(previous)));
        }
        LOG.info("Action {}: public access settings of {} restored to {}", ctx.actionId(), ctx.target(), previous);
    }

    /** True when the bucket's settings are back to what was recorded. */
    @Override
    public boolean verifyRolledBack(ActionContext ctx) {
        PublicAccessBlockConfiguration current = current(ctx);
        String previous = ctx.details().getOrDefault("previous", "none");
        return "none".equals(previous) ? current == null : current != null && previous.equals(encode(current));
    }

    private static PublicAccessBlockConfiguration current(ActionContext ctx) {
        try {
            return ctx.aws().s3().getPublicAccessBlock(r -> r.bucket(ctx.target())).publicAccessBlockConfiguration();
        } catch (S3Exception e) {
            if (e.awsErrorDetails() != null && "NoSuchPublicAccessBlockConfiguration".equals(e.awsErrorDetails().errorCode())) {
                return null;
            }
            throw e;
        }
    }

    static String encode(PublicAccessBlockConfiguration c) {
        return "BlockPublicAcls=" + c.blockPublicAcls() + ",IgnorePublicAcls=" + c.ignorePublicAcls()
                + ",BlockPublicPolicy=" + c.blockPublicPolicy() + ",RestrictPublicBuckets=" + c.restrictPublicBuckets();
    }

    static PublicAccessBlockConfiguration decode(String text) {
        PublicAccessBlockConfiguration.Builder b = PublicAccessBlockConfiguration.builder();
        for (String pair : text.split(",")) {
            String[] kv = pair.split("=");
            boolean value = Boolean.parseBoolean(kv[1]);
            switch (kv[0]) {
                case "BlockPublicAcls" -> b.blockPublicAcls(value);
                case "IgnorePublicAcls" -> b.ignorePublicAcls(value);
                case "BlockPublicPolicy" -> b.blockPublicPolicy(value);
                case "RestrictPublicBuckets" -> b.restrictPublicBuckets(value);
                default -> throw new IllegalArgumentException("unknown setting " + kv[0]);
            }
        }
        return b.build();
    }
}
