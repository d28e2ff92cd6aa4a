package io.tripline.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripline.simulator.ec2.Ec2Resources.Instance;
import io.tripline.simulator.ec2.Ec2Resources.NetworkInterface;
import io.tripline.simulator.ec2.Ec2Resources.SecurityGroup;
import io.tripline.simulator.ec2.Ec2Resources.SgRule;
import io.tripline.simulator.ec2.Ec2Resources.Volume;
import io.tripline.simulator.ec2.Ec2Resources.Vpc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the {@code ec2} section of a scenario (vpcs, securityGroups, instances) into {@link Ec2State},
 * filling in what AWS would have: the default VPC, a default security group per VPC, one primary ENI
 * per instance carrying its groups, and attached volumes.
 */
final class Ec2Seeder {

    private Ec2Seeder() {
    }

    static void seed(Ec2State s, JsonNode spec, Instant now) {
        synchronized (s) {
            for (JsonNode node : spec.path("vpcs")) {
                Vpc vpc = new Vpc();
                vpc.vpcId = node.path("vpcId").asText(s.newId("vpc"));
                vpc.cidrBlock = node.path("cidrBlock").asText("10.0.0.0/16");
                vpc.isDefault = node.path("isDefault").asBoolean(false);
                tags(node, vpc.tags);
                s.addVpc(vpc);
            }
            for (JsonNode node : spec.path("securityGroups")) {
                seedGroup(s, node);
            }
            for (JsonNode node : spec.path("instances")) {
                seedInstance(s, node, now);
            }
        }
    }

    private static void seedGroup(Ec2State s, JsonNode node) {
        SecurityGroup group = new SecurityGroup();
        group.groupId = node.path("groupId").asText(s.newId("sg"));
        group.groupName = node.path("groupName").asText(group.groupId);
        group.description = node.path("description").asText(group.groupName);
        group.vpcId = node.hasNonNull("vpcId") ? node.get("vpcId").asText() : s.defaultVpc().vpcId;
        group.ownerId = s.accountId;
        if (!s.vpcs.containsKey(group.vpcId)) {
            Vpc vpc = new Vpc();
            vpc.vpcId = group.vpcId;
            vpc.cidrBlock = "10.0.0.0/16";
            s.addVpc(vpc);
        }
        if ("default".equals(group.groupName)) {
            // A seeded default group replaces the one the VPC was created with.
            SecurityGroup existing = s.findGroupByName(group.vpcId, "default");
            if (existing != null) {
                s.securityGroups.remove(existing.groupId);
            }
        }
        group.ingress.addAll(rules(s, node.path("ingress")));
        if (node.has("egress")) {
            group.egress.addAll(rules(s, node.path("egress")));
        } else {
            group.egress.add(s.allowAllEgress());
        }
        tags(node, group.tags);
        s.securityGroups.put(group.groupId, group);
    }

    private static List<SgRule> rules(Ec2State s, JsonNode list) {
        List<SgRule> out = new ArrayList<>();
        for (JsonNode r : list) {
            String protocol = Ec2Mutations.protocol(r.path("ipProtocol").asText("-1"));
            boolean all = "-1".equals(protocol);
            SgRule rule = s.rule(protocol, all || !r.has("fromPort") ? null : r.get("fromPort").asInt(),
                    all || !r.has("toPort") ? null : r.get("toPort").asInt());
            rule.cidrIp = text(r, "cidrIp");
            rule.cidrIpv6 = text(r, "cidrIpv6");
            rule.sourceGroupId = text(r, "sourceGroupId") != null ? text(r, "sourceGroupId") : text(r, "groupId");
            rule.prefixListId = text(r, "prefixListId");
            rule.description = text(r, "description");
            if (rule.source() == null) {
                rule.cidrIp = "0.0.0.0/0";
            }
            out.add(rule);
        }
        return out;
    }

    private static void seedInstance(Ec2State s, JsonNode node, Instant now) {
        Instance instance = new Instance();
        instance.instanceId = node.path("instanceId").asText(s.newId("i"));
        instance.instanceType = node.path("instanceType").asText("t3.micro");
        instance.imageId = node.path("imageId").asText("ami-0abcdef1234567890");
        instance.vpcId = node.hasNonNull("vpcId") ? node.get("vpcId").asText() : s.defaultVpc().vpcId;
        instance.subnetId = node.path("subnetId").asText("subnet-" + instance.vpcId.substring(4));
        instance.availabilityZone = node.path("availabilityZone").asText(s.region + "a");
        instance.privateIpAddress = node.path("privateIpAddress").asText("10.0.0." + (10 + s.instances.size()));
        instance.publicIpAddress = text(node, "publicIpAddress");
        instance.state = node.path("state").asText("running");
        instance.reservationId = node.path("reservationId").asText(s.newId("r"));
        instance.launchTime = node.hasNonNull("launchTime") ? Instant.parse(node.get("launchTime").asText()) : now;
        JsonNode profile = node.path("iamInstanceProfile");
        if (profile.isObject()) {
            instance.iamRoleName = text(profile, "roleName");
            instance.iamInstanceProfileArn = profile.hasNonNull("arn") ? profile.get("arn").asText()
                    : "arn:aws:iam::" + s.accountId + ":instance-profile/" + instance.iamRoleName;
            instance.iamInstanceProfileId = profile.path("id").asText("AIPA" + instance.instanceId.substring(2).toUpperCase());
        }
        tags(node, instance.tags);
        if (!s.vpcs.containsKey(instance.vpcId)) {
            Vpc vpc = new Vpc();
            vpc.vpcId = instance.vpcId;
            vpc.cidrBlock = "10.0.0.0/16";
            s.addVpc(vpc);
        }
        List<String> groups = new ArrayList<>();
        node.path("securityGroups").forEach(g -> groups.add(g.asText()));
        if (groups.isEmpty()) {
            groups.add(s.findGroupByName(instance.vpcId, "default").groupId);
        }
        JsonNode enis = node.path("networkInterfaces");
        if (enis.isArray() && !enis.isEmpty()) {
            int index = 0;
            for (JsonNode e : enis) {
                List<String> eniGroups = new ArrayList<>();
                e.path("groups").forEach(g -> eniGroups.add(g.asText()));
                attachEni(s, instance, text(e, "networkInterfaceId"), e.path("deviceIndex").asInt(index++),
                        e.path("privateIpAddress").asText(instance.privateIpAddress),
                        eniGroups.isEmpty() ? groups : eniGroups, now);
            }
        } else {
            attachEni(s, instance, null, 0, instance.privateIpAddress, groups, now);
        }
        JsonNode volumes = node.path("volumes");
        if (volumes.isArray() && !volumes.isEmpty()) {
            for (JsonNode v : volumes) {
                attachVolume(s, instance, text(v, "volumeId"), v.path("sizeGiB").asInt(8),
                        v.path("deviceName").asText("/dev/xvda"), now);
            }
        } else {
            attachVolume(s, instance, null, 8, "/dev/xvda", now);
        }
        s.instances.put(instance.instanceId, instance);
    }

    private static void attachEni(Ec2State s, Instance instance, String id, int deviceIndex, String ip,
                                  List<String> groups, Instant now) {
        NetworkInterface eni = new NetworkInterface();
        eni.networkInterfaceId = id == null ? s.newId("eni") : id;
        eni.subnetId = instance.subnetId;
        eni.vpcId = instance.vpcId;
        eni.availabilityZone = instance.availabilityZone;
        eni.privateIpAddress = ip;
        eni.publicIpAddress = deviceIndex == 0 ? instance.publicIpAddress : null;
        eni.macAddress = String.format("02:00:00:%02x:%02x:%02x", s.networkInterfaces.size() & 0xff,
                deviceIndex & 0xff, instance.instanceId.hashCode() & 0xff);
        eni.instanceId = instance.instanceId;
        eni.attachmentId = "eni-attach-" + eni.networkInterfaceId.substring(4);
        eni.deviceIndex = deviceIndex;
        eni.attachTime = instance.launchTime;
        eni.groups.addAll(groups);
        s.networkInterfaces.put(eni.networkInterfaceId, eni);
        instance.networkInterfaceIds.add(eni.networkInterfaceId);
    }

    private static void attachVolume(Ec2State s, Instance instance, String id, int size, String device, Instant now) {
        Volume volume = new Volume();
        volume.volumeId = id == null ? s.newId("vol") : id;
        volume.sizeGiB = size;
        volume.availabilityZone = instance.availabilityZone;
        volume.createTime = instance.launchTime;
        volume.instanceId = instance.instanceId;
        volume.deviceName = device;
        volume.attachTime = instance.launchTime;
        s.volumes.put(volume.volumeId, volume);
        instance.volumeIds.add(volume.volumeId);
    }

    private static void tags(JsonNode node, Map<String, String> into) {
        node.path("tags").fields().forEachRemaining(e -> into.put(e.getKey(), e.getValue().asText()));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
