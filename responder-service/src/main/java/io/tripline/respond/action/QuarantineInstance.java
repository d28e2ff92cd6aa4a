package io.tripline.respond.action;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.respond.aws.AccountClients;
import io.tripline.respond.playbook.ActionTypes;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Cuts an instance off the network: every ENI gets the VPC's quarantine security group (no ingress, no
 * egress — the default allow-all egress rule is revoked) in place of its groups, which are recorded so
 * rollback can restore them. Security-group changes do not cut tracked connections: the record says so,
 * because an attacker's established session may survive until it is reset.
 */
@Singleton
public class QuarantineInstance implements ActionHandler {

    static final String GROUP_NAME = "tripline-quarantine";
    static final String TRACKED_NOTE = "Security-group changes do not cut tracked connections: established sessions"
            + " (e.g. an attacker's SSH) may survive until they close or the instance's connections are reset.";
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineInstance.class);

    @Override
    public String type() {
        return ActionTypes.QUARANTINE_INSTANCE;
    }

    @Override
    public Map<String, String> targetTags(AccountClients aws, String target) {
        return instance(aws, target).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }

    @Override
    public int fleetSize(AccountClients aws, String tagKey, String tagValue) {
        return aws.ec2().describeInstances(r -> r.filters(Filter.builder().name("tag:" + tagKey).values(tagValue).build()))
                .reservations().stream().mapToInt(res -> res.instances().size()).sum();
    }

    @Override
    public void prepare(ActionContext ctx) {
        Instance instance = instance(ctx.aws(), ctx.target());
        ctx.details().put("vpc", instance.vpcId());
        for (InstanceNetworkInterface eni : instance.networkInterfaces()) {
            // putIfAbsent: after a crash mid-way, the ENI may already carry the quarantine group
            ctx.details().putIfAbsent("eni." + eni.networkInterfaceId() + ".original-groups",
                    eni.groups().stream().map(GroupIdentifier::groupId).collect(Collectors.joining(",")));
        }
        ctx.details().put("note", TRACKED_NOTE);
    }

    @Override
    public void execute(ActionContext ctx) {
        String groupId = ensureQuarantineGroup(ctx.aws(), ctx.details().get("vpc"), ctx.actionId());
        ctx.details().put("quarantine-group", groupId);
        for (String eni : enis(ctx.details())) {
            ctx.aws().ec2().modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni).groups(groupId));
            LOG.info("Action {}: ENI {} of {} now only in {}", ctx.actionId(), eni, ctx.target(), groupId);
        }
    }

    @Override
    public boolean verify(ActionContext ctx) {
        String groupId = ctx.details().get("quarantine-group");
        if (groupId == null) {
            SecurityGroup group = findGroup(ctx.aws(), ctx.details().get("vpc"));
            if (group == null) {
                return false;
            }
            groupId = group.groupId();
            ctx.details().put("quarantine-group", groupId);
        }
        String expected = groupId;
        SecurityGroup group = ctx.aws().ec2().describeSecurityGroups(r -> r.groupIds(expected)).securityGroups().get(0);
        boolean closed = group.ipPermissions().isEmpty() && group.ipPermissionsEgress().isEmpty();
        List<NetworkInterface> enis = describeEnis(ctx);
        return closed && !enis.isEmpty() && enis.stream().allMatch(e -> e.groups().size() == 1
                && e.groups().get(0).groupId().equals(expected));
    }

    @Override
    public boolean supportsRollback() {
        return true;
    }

    @Override
    public void rollback(ActionContext ctx) {
        for (String eni : enis(ctx.details())) {
            List<String> original = Arrays.asList(ctx.details().get("eni." + eni + ".original-groups").split(","));
            ctx.aws().ec2().modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni).groups(original));
            LOG.info("Action {}: ENI {} restored to {}", ctx.actionId(), eni, original);
        }
    }

    /** True when every ENI carries its recorded original groups again. */
    @Override
    public boolean verifyRolledBack(ActionContext ctx) {
        return describeEnis(ctx).stream().allMatch(e -> e.groups().stream().map(GroupIdentifier::groupId)
                .collect(Collectors.joining(",")).equals(ctx.details().get("eni." + e.networkInterfaceId() + ".original-groups")));
    }

    private List<NetworkInterface> describeEnis(ActionContext ctx) {
        List<String> ids = enis(ctx.details());
        return ids.isEmpty() ? List.of()
                : ctx.aws().ec2().describeNetworkInterfaces(r -> r.networkInterfaceIds(ids)).networkInterfaces();
    }

    private static List<String> enis(Map<String, String> details) {
        return details.keySet().stream().filter(k -> k.startsWith("eni.") && k.endsWith(".original-groups"))
                .map(k -> k.substring(4, k.length() - ".original-groups".length())).sorted().toList();
    }

    private static Instance instance(AccountClients aws, String instanceId) {
        return aws.ec2().describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                .flatMap(r -> r.instances().stream()).findFirst()
                .orElseThrow(() -> new IllegalStateException("instance " + instanceId + " not found"));
    }

    private static SecurityGroup findGroup(AccountClients aws, String vpcId) {
        return aws.ec2().describeSecurityGroups(r -> r.filters(
                        Filter.builder().name("group-name").values(GROUP_NAME).build(),
                        Filter.builder().name("vpc-id").values(vpcId).build()))
                .securityGroups().stream().findFirst().orElse(null);
    }

    /** The VPC's quarantine group, created on first use; any rule found on it is revoked. */
    private static String ensureQuarantineGroup(AccountClients aws, String vpcId, String actionId) {
        SecurityGroup group = findGroup(aws, vpcId);
        String groupId;
        if (group == null) {
            groupId = aws.ec2().createSecurityGroup(r -> r.groupName(GROUP_NAME).vpcId(vpcId)
                    .description("Tripline quarantine: no inbound, no outbound")
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP)
                            .tags(Tag.builder().key("tripline:purpose").value("quarantine").build()).build())).groupId();
            LOG.info("Action {}: created quarantine group {} in {}", actionId, groupId, vpcId);
            group = aws.ec2().describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);
        } else {
            groupId = group.groupId();
        }
        List<IpPermission> egress = group.ipPermissionsEgress();
        if (!egress.isEmpty()) {
            // a new group comes with allow-all egress; a quarantined host must not call out either
            aws.ec2().revokeSecurityGroupEgress(r -> r.groupId(groupId).ipPermissions(egress));
        }
        List<IpPermission> ingress = group.ipPermissions();
        if (!ingress.isEmpty()) {
            aws.ec2().revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(ingress));
        }
        return groupId;
    }
}
