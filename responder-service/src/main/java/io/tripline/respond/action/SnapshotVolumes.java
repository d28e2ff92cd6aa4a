package io.tripline.respond.action;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.respond.aws.AccountClients;
import io.tripline.respond.playbook.ActionTypes;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * Forensic snapshots of every volume attached to an instance, tagged with the action and incident ids.
 * Idempotent by those tags: before creating, it looks for a snapshot of the volume carrying its own
 * action id, so a retry or a restart after a crash never makes a second copy.
 */
@Singleton
public class SnapshotVolumes implements ActionHandler {

    public static final String ACTION_TAG = "tripline:action-id";
    public static final String INCIDENT_TAG = "tripline:incident-id";
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotVolumes.class);

    @Override
    public String type() {
        return ActionTypes.SNAPSHOT_VOLUMES;
    }

    @Override
    public Map<String, String> targetTags(AccountClients aws, String target) {
        return aws.ec2().describeInstances(r -> r.instanceIds(target)).reservations().stream()
                .flatMap(r -> r.instances().stream()).flatMap(i -> i.tags().stream())
                .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }

    @Override
    public void prepare(ActionContext ctx) {
        String volumes = attachedVolumes(ctx).stream().map(Volume::volumeId).sorted().collect(Collectors.joining(","));
        ctx.details().put("volumes", volumes);
    }

    @Override
    public void execute(ActionContext ctx) {
        for (String volumeId : volumes(ctx)) {
            Snapshot existing = ownSnapshot(ctx, volumeId);
            if (existing != null) {
                ctx.details().put("snapshot." + volumeId, existing.snapshotId());
                continue;
            }
            String snapshotId = ctx.aws().ec2().createSnapshot(r -> r.volumeId(volumeId)
                    .description("Tripline forensic snapshot of " + volumeId + " (" + ctx.target() + ", incident "
                            + ctx.action().getIncidentId() + ")")
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SNAPSHOT).tags(
                            Tag.builder().key(ACTION_TAG).value(ctx.actionId()).build(),
                            Tag.builder().key(INCIDENT_TAG).value(ctx.action().getIncidentId()).build(),
                            Tag.builder().key("tripline:instance-id").value(ctx.target()).build()).build()))
                    .snapshotId();
            ctx.details().put("snapshot." + volumeId, snapshotId);
            LOG.info("Action {}: snapshot {} of {} ({})", ctx.actionId(), snapshotId, volumeId, ctx.target());
        }
    }

    @Override
    public boolean verify(ActionContext ctx) {
        List<String> volumes = volumes(ctx);
        for (String volumeId : volumes) {
            Snapshot snapshot = ownSnapshot(ctx, volumeId);
            if (snapshot == null) {
                return false;
            }
            ctx.details().put("snapshot." + volumeId, snapshot.snapshotId());
        }
        return !volumes.isEmpty();
    }

    private static List<String> volumes(ActionContext ctx) {
        String text = ctx.details().getOrDefault("volumes", "");
        return text.isEmpty() ? List.of() : List.of(text.split(","));
    }

    private static List<Volume> attachedVolumes(ActionContext ctx) {
        return ctx.aws().ec2().describeVolumes(r -> r.filters(
                Filter.builder().name("attachment.instance-id").values(ctx.target()).build())).volumes();
    }

    private static Snapshot ownSnapshot(ActionContext ctx, String volumeId) {
        return ctx.aws().ec2().describeSnapshots(r -> r.ownerIds("self").filters(
                        Filter.builder().name("tag:" + ACTION_TAG).values(ctx.actionId()).build(),
                        Filter.builder().name("volume-id").values(volumeId).build()))
                .snapshots().stream().findFirst().orElse(null);
    }
}
