package io.tripline.simulator.ec2;

import io.tripline.simulator.ec2.Ec2Resources.Instance;
import io.tripline.simulator.ec2.Ec2Resources.NetworkInterface;
import io.tripline.simulator.ec2.Ec2Resources.SecurityGroup;
import io.tripline.simulator.ec2.Ec2Resources.SgRule;
import io.tripline.simulator.ec2.Ec2Resources.Snapshot;
import io.tripline.simulator.ec2.Ec2Resources.Volume;
import io.tripline.simulator.ec2.Ec2Resources.Vpc;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders EC2 resources in the EC2 Query XML shapes the SDK unmarshals: lists as {@code <item>}
 * elements under a {@code xxxSet} wrapper, camelCase member names, ISO-8601 timestamps.
 */
final class Ec2Render {

    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private static final Map<String, Integer> STATE_CODES = Map.of("pending", 0, "running", 16,
            "shutting-down", 32, "terminated", 48, "stopping", 64, "stopped", 80);

    private Ec2Render() {
    }

    static XmlWriter response(String action, String requestId) {
        return new XmlWriter().root(action + "Response", NAMESPACE).leaf("requestId", requestId);
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static void tags(XmlWriter xml, Map<String, String> tags) {
        xml.start("tagSet");
        tags.forEach((k, v) -> xml.start("item").leaf("key", k).leaf("value", v).end());
        xml.end();
    }

    static void groupSet(XmlWriter xml, Ec2State state, List<String> groupIds) {
        xml.start("groupSet");
        for (String id : groupIds) {
            SecurityGroup group = state.securityGroups.get(id);
            xml.start("item").leaf("groupId", id).leaf("groupName", group == null ? null : group.groupName).end();
        }
        xml.end();
    }

    static void instance(XmlWriter xml, Ec2State state, Instance instance) {
        NetworkInterface primary = state.primaryInterface(instance);
        String stateName = instance.state;
        xml.start("item")
                .leaf("instanceId", instance.instanceId)
                .leaf("imageId", instance.imageId)
                .start("instanceState").leaf("code", STATE_CODES.getOrDefault(stateName, 16)).leaf("name", stateName).end()
                .leaf("privateDnsName", "ip-" + instance.privateIpAddress.replace('.', '-') + ".ec2.internal")
                .leaf("dnsName", instance.publicIpAddress == null ? "" : "ec2-" + instance.publicIpAddress.replace('.', '-') + ".compute-1.amazonaws.com")
                .leaf("amiLaunchIndex", 0)
                .leaf("instanceType", instance.instanceType)
                .leaf("launchTime", time(instance.launchTime))
                .start("placement").leaf("availabilityZone", instance.availabilityZone).leaf("tenancy", "default").end()
                .start("monitoring").leaf("state", "disabled").end()
                .leaf("subnetId", instance.subnetId)
                .leaf("vpcId", instance.vpcId)
                .leaf("privateIpAddress", instance.privateIpAddress)
                .leaf("ipAddress", instance.publicIpAddress);
        groupSet(xml, state, primary.groups);
        xml.leaf("architecture", "x86_64").leaf("rootDeviceType", "ebs")
                .leaf("rootDeviceName", instance.volumeIds.isEmpty() ? null : state.volumes.get(instance.volumeIds.get(0)).deviceName);
        xml.start("blockDeviceMapping");
        for (String volumeId : instance.volumeIds) {
            Volume volume = state.volumes.get(volumeId);
            xml.start("item").leaf("deviceName", volume.deviceName)
                    .start("ebs").leaf("volumeId", volume.volumeId).leaf("status", "attached")
                    .leaf("attachTime", time(volume.attachTime)).leaf("deleteOnTermination", true).end()
                    .end();
        }
        xml.end();
        if (instance.iamInstanceProfileArn != null) {
            xml.start("iamInstanceProfile").leaf("arn", instance.iamInstanceProfileArn)
                    .leaf("id", instance.iamInstanceProfileId).end();
        }
        tags(xml, instance.tags);
        xml.leaf("virtualizationType", "hvm").leaf("hypervisor", "xen");
        xml.start("networkInterfaceSet");
        for (String eniId : instance.networkInterfaceIds) {
            NetworkInterface eni = state.networkInterfaces.get(eniId);
            xml.start("item").leaf("networkInterfaceId", eni.networkInterfaceId).leaf("subnetId", eni.subnetId)
                    .leaf("vpcId", eni.vpcId).leaf("description", eni.description).leaf("ownerId", state.accountId)
                    .leaf("status", "in-use").leaf("macAddress", eni.macAddress)
                    .leaf("privateIpAddress", eni.privateIpAddress).leaf("sourceDestCheck", true);
            groupSet(xml, state, eni.groups);
            xml.start("attachment").leaf("attachmentId", eni.attachmentId).leaf("deviceIndex", eni.deviceIndex)
                    .leaf("status", "attached").leaf("attachTime", time(eni.attachTime))
                    .leaf("deleteOnTermination", eni.deviceIndex == 0).end();
            if (eni.publicIpAddress != null) {
                xml.start("association").leaf("publicIp", eni.publicIpAddress).leaf("ipOwnerId", "amazon").end();
            }
            xml.leaf("interfaceType", "interface").end();
        }
        xml.end();
        xml.end();
    }

    static void securityGroup(XmlWriter xml, SecurityGroup group) {
        xml.start("item").leaf("ownerId", group.ownerId).leaf("groupId", group.groupId)
                .leaf("groupName", group.groupName).leaf("groupDescription", group.description)
                .leaf("vpcId", group.vpcId);
        permissions(xml, "ipPermissions", group.ingress, group.ownerId);
        permissions(xml, "ipPermissionsEgress", group.egress, group.ownerId);
        tags(xml, group.tags);
        xml.end();
    }

    /** Groups individual rules with the same protocol and ports into one IpPermission, as AWS displays them. */
    static void permissions(XmlWriter xml, String element, List<SgRule> rules, String ownerId) {
        Map<List<Object>, List<SgRule>> grouped = new LinkedHashMap<>();
        for (SgRule rule : rules) {
            grouped.computeIfAbsent(java.util.Arrays.asList(rule.ipProtocol, rule.fromPort, rule.toPort),
                    k -> new ArrayList<>()).add(rule);
        }
        xml.start(element);
        grouped.forEach((key, members) -> {
            SgRule first = members.get(0);
            xml.start("item").leaf("ipProtocol", first.ipProtocol).leaf("fromPort", first.fromPort).leaf("toPort", first.toPort);
            xml.start("groups");
            members.stream().filter(r -> r.sourceGroupId != null).forEach(r -> xml.start("item")
                    .leaf("userId", ownerId).leaf("groupId", r.sourceGroupId).leaf("description", r.description).end());
            xml.end().start("ipRanges");
            members.stream().filter(r -> r.cidrIp != null).forEach(r -> xml.start("item")
                    .leaf("cidrIp", r.cidrIp).leaf("description", r.description).end());
            xml.end().start("ipv6Ranges");
            members.stream().filter(r -> r.cidrIpv6 != null).forEach(r -> xml.start("item")
                    .leaf("cidrIpv6", r.cidrIpv6).leaf("description", r.description).end());
            xml.end().start("prefixListIds");
            members.stream().filter(r -> r.prefixListId != null).forEach(r -> xml.start("item")
                    .leaf("prefixListId", r.prefixListId).leaf("description", r.description).end());
            xml.end().end();
        });
        xml.end();
    }

    /** The securityGroupRuleSet Authorize* answers with. */
    static void ruleSet(XmlWriter xml, SecurityGroup group, List<SgRule> rules, boolean egress) {
        xml.start("securityGroupRuleSet");
        for (SgRule rule : rules) {
            xml.start("item").leaf("securityGroupRuleId", rule.ruleId).leaf("groupId", group.groupId)
                    .leaf("groupOwnerId", group.ownerId).leaf("isEgress", egress).leaf("ipProtocol", rule.ipProtocol)
                    .leaf("fromPort", Objects.requireNonNullElse(rule.fromPort, -1))
                    .leaf("toPort", Objects.requireNonNullElse(rule.toPort, -1))
                    .leaf("cidrIpv4", rule.cidrIp).leaf("cidrIpv6", rule.cidrIpv6).leaf("description", rule.description);
            if (rule.sourceGroupId != null) {
                xml.start("referencedGroupInfo").leaf("groupId", rule.sourceGroupId).leaf("userId", group.ownerId).end();
            }
            xml.end();
        }
        xml.end();
    }

    static void networkInterface(XmlWriter xml, Ec2State state, NetworkInterface eni) {
        xml.start("item").leaf("networkInterfaceId", eni.networkInterfaceId).leaf("subnetId", eni.subnetId)
                .leaf("vpcId", eni.vpcId).leaf("availabilityZone", eni.availabilityZone)
                .leaf("description", eni.description).leaf("ownerId", state.accountId).leaf("requesterManaged", false)
                .leaf("status", eni.instanceId == null ? "available" : "in-use").leaf("macAddress", eni.macAddress)
                .leaf("privateIpAddress", eni.privateIpAddress).leaf("sourceDestCheck", true);
        groupSet(xml, state, eni.groups);
        if (eni.instanceId != null) {
            xml.start("attachment").leaf("attachmentId", eni.attachmentId).leaf("instanceId", eni.instanceId)
                    .leaf("instanceOwnerId", state.accountId).leaf("deviceIndex", eni.deviceIndex)
                    .leaf("status", "attached").leaf("attachTime", time(eni.attachTime))
                    .leaf("deleteOnTermination", eni.deviceIndex == 0).end();
        }
        if (eni.publicIpAddress != null) {
            xml.start("association").leaf("publicIp", eni.publicIpAddress).leaf("ipOwnerId", "amazon").end();
        }
        tags(xml, eni.tags);
        xml.start("privateIpAddressesSet").start("item").leaf("privateIpAddress", eni.privateIpAddress)
                .leaf("primary", true).end().end();
        xml.leaf("interfaceType", "interface").end();
    }

    static void volume(XmlWriter xml, Volume volume) {
        xml.start("item").leaf("volumeId", volume.volumeId).leaf("size", volume.sizeGiB)
                .leaf("snapshotId", volume.snapshotId).leaf("availabilityZone", volume.availabilityZone)
                .leaf("status", volume.instanceId == null ? "available" : "in-use")
                .leaf("createTime", time(volume.createTime));
        xml.start("attachmentSet");
        if (volume.instanceId != null) {
            xml.start("item").leaf("volumeId", volume.volumeId).leaf("instanceId", volume.instanceId)
                    .leaf("device", volume.deviceName).leaf("status", "attached")
                    .leaf("attachTime", time(volume.attachTime)).leaf("deleteOnTermination", true).end();
        }
        xml.end();
        tags(xml, volume.tags);
        xml.leaf("volumeType", volume.volumeType).leaf("encrypted", false).leaf("multiAttachEnabled", false).end();
    }

    /** A snapshot's members; CreateSnapshot writes them at the top level, DescribeSnapshots inside an item. */
    static void snapshotMembers(XmlWriter xml, Snapshot snapshot, String status, String progress) {
        xml.leaf("snapshotId", snapshot.snapshotId).leaf("volumeId", snapshot.volumeId).leaf("status", status)
                .leaf("startTime", time(snapshot.startTime)).leaf("progress", progress)
                .leaf("ownerId", snapshot.ownerId).leaf("volumeSize", snapshot.volumeSize)
                .leaf("description", snapshot.description).leaf("encrypted", false);
        tags(xml, snapshot.tags);
    }

    static void vpc(XmlWriter xml, Ec2State state, Vpc vpc) {
        xml.start("item").leaf("vpcId", vpc.vpcId).leaf("ownerId", state.accountId).leaf("state", "available")
                .leaf("cidrBlock", vpc.cidrBlock).leaf("dhcpOptionsId", "dopt-00000001")
                .leaf("instanceTenancy", "default").leaf("isDefault", vpc.isDefault);
        tags(xml, vpc.tags);
        xml.end();
    }
}
