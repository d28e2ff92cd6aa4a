package io.tripline.simulator.ec2;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.ec2.Ec2Resources.Instance;
import io.tripline.simulator.ec2.Ec2Resources.NetworkInterface;
import io.tripline.simulator.ec2.Ec2Resources.SecurityGroup;
import io.tripline.simulator.ec2.Ec2Resources.SgRule;
import io.tripline.simulator.ec2.Ec2Resources.Snapshot;
import io.tripline.simulator.ec2.Ec2Resources.Taggable;
import io.tripline.simulator.ec2.Ec2Resources.Volume;
import io.tripline.simulator.ec2.Ec2Resources.Vpc;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * EC2 state of one account in one region. Like a fresh AWS account it starts with a default VPC
 * (172.31.0.0/16) whose default security group allows traffic from itself and all egress. Handlers
 * synchronize on this object for the whole operation so multi-resource changes are atomic.
 */
public final class Ec2State {

    public final String accountId;
    public final String region;
    public final Map<String, Vpc> vpcs = new ConcurrentSkipListMap<>();
    public final Map<String, SecurityGroup> securityGroups = new ConcurrentSkipListMap<>();
    public final Map<String, Instance> instances = new ConcurrentSkipListMap<>();
    public final Map<String, NetworkInterface> networkInterfaces = new ConcurrentSkipListMap<>();
    public final Map<String, Volume> volumes = new ConcurrentSkipListMap<>();
    public final Map<String, Snapshot> snapshots = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong(0x1000);

    public Ec2State(String accountId, String region) {
        this.accountId = accountId;
        this.region = region;
        Vpc vpc = new Vpc();
        vpc.vpcId = newId("vpc");
        vpc.cidrBlock = "172.31.0.0/16";
        vpc.isDefault = true;
        addVpc(vpc);
    }

    /**
     * Ids are sequential hex so a scenario replays with the same ids; seeded ids are skipped over.
     */
    public synchronized String newId(String prefix) {
        while (true) {
            String id = prefix + "-" + String.format("%017x", sequence.getAndIncrement());
            if (!exists(id)) {
                return id;
            }
        }
    }

    private boolean exists(String id) {
        return vpcs.containsKey(id) || securityGroups.containsKey(id) || instances.containsKey(id)
                || networkInterfaces.containsKey(id) || volumes.containsKey(id) || snapshots.containsKey(id);
    }

    /** Adds a VPC and, as AWS does, its "default" security group. */
    public synchronized void addVpc(Vpc vpc) {
        vpcs.put(vpc.vpcId, vpc);
        if (findGroupByName(vpc.vpcId, "default") == null) {
            SecurityGroup group = new SecurityGroup();
            group.groupId = newId("sg");
            group.groupName = "default";
            group.description = "default VPC security group";
            group.vpcId = vpc.vpcId;
            group.ownerId = accountId;
            SgRule self = rule("-1", null, null);
            self.sourceGroupId = group.groupId;
            group.ingress.add(self);
            group.egress.add(allowAllEgress());
            securityGroups.put(group.groupId, group);
        }
    }

    /** The allow-all egress rule AWS puts on every new VPC security group. */
    public SgRule allowAllEgress() {
        SgRule rule = rule("-1", null, null);
        rule.cidrIp = "0.0.0.0/0";
        return rule;
    }

    public SgRule rule(String protocol, Integer from, Integer to) {
        SgRule rule = new SgRule();
        rule.ruleId = newId("sgr");
        rule.ipProtocol = protocol;
        rule.fromPort = from;
        rule.toPort = to;
        return rule;
    }

    @JsonIgnore
    public synchronized Vpc defaultVpc() {
        return vpcs.values().stream().filter(v -> v.isDefault).findFirst()
                .orElseGet(() -> vpcs.values().iterator().next());
    }

    public synchronized SecurityGroup findGroupByName(String vpcId, String name) {
        return securityGroups.values().stream()
                .filter(g -> g.groupName.equals(name) && (vpcId == null || vpcId.equals(g.vpcId)))
                .findFirst().orElse(null);
    }

    public Vpc vpc(String vpcId) {
        Vpc vpc = vpcs.get(vpcId);
        if (vpc == null) {
            throw AwsError.badRequest("InvalidVpcID.NotFound", "The vpc ID '" + vpcId + "' does not exist");
        }
        return vpc;
    }

    public SecurityGroup group(String groupId) {
        SecurityGroup group = securityGroups.get(groupId);
        if (group == null) {
            throw AwsError.badRequest("InvalidGroup.NotFound", "The security group '" + groupId + "' does not exist");
        }
        return group;
    }

    public Instance instance(String instanceId) {
        Instance instance = instances.get(instanceId);
        if (instance == null) {
            throw AwsError.badRequest("InvalidInstanceID.NotFound", "The instance ID '" + instanceId + "' does not exist");
        }
        return instance;
    }

    public NetworkInterface networkInterface(String eniId) {
        NetworkInterface eni = networkInterfaces.get(eniId);
        if (eni == null) {
            throw AwsError.badRequest("InvalidNetworkInterfaceID.NotFound",
                    "The networkInterface ID '" + eniId + "' does not exist");
        }
        return eni;
    }

    public Volume volume(String volumeId) {
        Volume volume = volumes.get(volumeId);
        if (volume == null) {
            throw AwsError.badRequest("InvalidVolume.NotFound", "The volume '" + volumeId + "' does not exist.");
        }
        return volume;
    }

    public Snapshot snapshot(String snapshotId) {
        Snapshot snapshot = snapshots.get(snapshotId);
        if (snapshot == null) {
            throw AwsError.badRequest("InvalidSnapshot.NotFound", "The snapshot '" + snapshotId + "' does not exist.");
        }
        return snapshot;
    }

    /** The interface at device index 0, whose groups are the instance's groups. */
    public NetworkInterface primaryInterface(Instance instance) {
        return instance.networkInterfaceIds.stream().map(networkInterfaces::get)
                .filter(eni -> eni != null && eni.deviceIndex == 0).findFirst()
                .orElseThrow(() -> new IllegalStateException("instance without primary ENI: " + instance.instanceId));
    }

    /** Any taggable resource by id, for CreateTags; the error code follows the id prefix as AWS's does. */
    public Taggable taggable(String resourceId) {
        String prefix = resourceId.contains("-") ? resourceId.substring(0, resourceId.indexOf('-')) : resourceId;
        return switch (prefix) {
            case "i" -> instance(resourceId);
            case "sg" -> group(resourceId);
            case "vol" -> volume(resourceId);
            case "snap" -> snapshot(resourceId);
            case "eni" -> networkInterface(resourceId);
            case "vpc" -> vpc(resourceId);
            default -> throw AwsError.badRequest("InvalidID", "The ID '" + resourceId + "' is not valid");
        };
    }

    /** Validates that each group exists and lives in {@code vpcId}, as ModifyInstanceAttribute requires. */
    public void requireGroupsInVpc(Iterable<String> groupIds, String vpcId) {
        for (String groupId : groupIds) {
            SecurityGroup group = securityGroups.get(groupId);
            if (group == null || !group.vpcId.equals(vpcId)) {
                throw AwsError.badRequest("InvalidGroup.NotFound",
                        "The security group '" + groupId + "' does not exist in VPC '" + vpcId + "'");
            }
        }
    }
}
