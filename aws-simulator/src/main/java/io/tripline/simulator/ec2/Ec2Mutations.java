package io.tripline.simulator.ec2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.ec2.Ec2Resources.Instance;
import io.tripline.simulator.ec2.Ec2Resources.NetworkInterface;
import io.tripline.simulator.ec2.Ec2Resources.SecurityGroup;
import io.tripline.simulator.ec2.Ec2Resources.SgRule;
import io.tripline.simulator.ec2.Ec2Resources.Snapshot;
import io.tripline.simulator.ec2.Ec2Resources.Taggable;
import io.tripline.simulator.ec2.Ec2Resources.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutating EC2 operations a responder uses to contain an instance (security groups, ENI groups,
 * forensic snapshots, tags). Each one validates everything before changing anything, then reports a
 * CloudTrail event with requestParameters shaped like the real ones (camelCase, {@code items} lists).
 */
final class Ec2Mutations {

    private static final String SOURCE = "ec2.amazonaws.com";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Ec2Mutations() {
    }

    static String createSecurityGroup(QueryParams p, Ec2State s, CallContext ctx, String requestId) {
        String name = p.require("GroupName");
        String description = p.require("GroupDescription");
        String vpcId = p.get("VpcId") == null ? s.defaultVpc().vpcId : s.vpc(p.get("VpcId")).vpcId;
        if (s.findGroupByName(vpcId, name) != null) {
            throw AwsError.badRequest("InvalidGroup.Duplicate",
                    "The security group '" + name + "' already exists for VPC '" + vpcId + "'");
        }
        SecurityGroup group = new SecurityGroup();
        group.groupId = s.newId("sg");
        group.groupName = name;
        group.description = description;
        group.vpcId = vpcId;
        group.ownerId = s.accountId;
        group.egress.add(s.allowAllEgress());
        group.tags.putAll(tagSpecifications(p, "security-group"));
        s.securityGroups.put(group.groupId, group);
        ObjectNode request = JSON.objectNode().put("groupName", name).put("groupDescription", description).put("vpcId", vpcId);
        ctx.recordEvent(SOURCE, "CreateSecurityGroup", request, JSON.objectNode().put("_return", true).put("groupId", group.groupId));
        XmlWriter xml = Ec2Render.response("CreateSecurityGroup", requestId).leaf("return", true).leaf("groupId", group.groupId);
        Ec2Render.tags(xml, group.tags);
        return xml.toString();
    }

    /** Authorize or revoke ingress/egress rules; the whole call fails on the first duplicate or missing rule. */
    static String changeRules(String action, boolean egress, boolean add, QueryParams p, Ec2State s, CallContext ctx,
                              String requestId) {
        SecurityGroup group = p.get("GroupId") != null ? s.group(p.get("GroupId"))
                : byName(s, p.require("GroupName"));
        List<SgRule> rules = egress ? group.egress : group.ingress;
        List<SgRule> wanted = parsePermissions(p, s, group);
        if (wanted.isEmpty()) {
            throw AwsError.badRequest("MissingParameter", "No IP permissions were specified");
        }
        List<SgRule> changed = new ArrayList<>();
        for (SgRule rule : wanted) {
            SgRule existing = rules.stream().filter(r -> r.sameAs(rule)).findFirst().orElse(null);
            if (add && existing != null) {
                throw AwsError.badRequest("InvalidPermission.Duplicate", "the specified rule \"peer: " + rule.source()
                        + ", " + rule.ipProtocol + ", from port: " + rule.fromPort + ", to port: " + rule.toPort
                        + ", ALLOW\" already exists");
            }
            if (!add && existing == null) {
                throw AwsError.badRequest("InvalidPermission.NotFound",
                        "The specified rule does not exist in this security group.");
            }
            changed.add(add ? rule : existing);
        }
        if (add) {
            rules.addAll(changed);
        } else {
            rules.removeAll(changed);
        }
        ObjectNode request = JSON.objectNode().put("groupId", group.groupId);
        ArrayNode items = request.putObject("ipPermissions").putArray("items");
        for (SgRule rule : changed) {
            ObjectNode item = items.addObject().put("ipProtocol", rule.ipProtocol);
            if (rule.fromPort != null) {
                item.put("fromPort", rule.fromPort).put("toPort", rule.toPort);
            }
            if (rule.cidrIp != null) {
                item.putObject("ipRanges").putArray("items").addObject().put("cidrIp", rule.cidrIp);
            }
            if (rule.cidrIpv6 != null) {
                item.putObject("ipv6Ranges").putArray("items").addObject().put("cidrIpv6", rule.cidrIpv6);
            }
            if (rule.sourceGroupId != null) {
                item.putObject("groups").putArray("items").addObject().put("groupId", rule.sourceGroupId);
            }
        }
        ctx.recordEvent(SOURCE, action, request, JSON.objectNode().put("_return", true));
        XmlWriter xml = Ec2Render.response(action, requestId).leaf("return", true);
        if (add) {
            Ec2Render.ruleSet(xml, group, changed, egress);
        }
        return xml.toString();
    }

    private static SecurityGroup byName(Ec2State s, String name) {
        SecurityGroup group = s.findGroupByName(s.defaultVpc().vpcId, name);
        if (group == null) {
            throw AwsError.badRequest("InvalidGroup.NotFound", "The security group '" + name + "' does not exist");
        }
        return group;
    }

    /** IpPermissions.N.* (and the legacy top-level CidrIp/IpProtocol form) as individual rules. */
    static List<SgRule> parsePermissions(QueryParams p, Ec2State s, SecurityGroup group) {
        List<SgRule> out = new ArrayList<>();
        for (QueryParams perm : p.structs("IpPermissions")) {
            String protocol = protocol(perm.require("IpProtocol"));
            Integer from = "-1".equals(protocol) ? null : perm.integer("FromPort");
            Integer to = "-1".equals(protocol) ? null : perm.integer("ToPort");
            for (QueryParams range : perm.structs("IpRanges")) {
                SgRule rule = s.rule(protocol, from, to);
                rule.cidrIp = range.require("CidrIp");
                rule.description = range.get("Description");
                out.add(rule);
            }
            for (QueryParams range : perm.structs("Ipv6Ranges")) {
                SgRule rule = s.rule(protocol, from, to);
                rule.cidrIpv6 = range.require("CidrIpv6");
                rule.description = range.get("Description");
                out.add(rule);
            }
            for (QueryParams pair : perm.structs("Groups")) {
                SgRule rule = s.rule(protocol, from, to);
                rule.sourceGroupId = pair.get("GroupId") != null ? s.group(pair.get("GroupId")).groupId
                        : byName(s, pair.require("GroupName")).groupId;
                rule.description = pair.get("Description");
                out.add(rule);
            }
            for (QueryParams prefix : perm.structs("PrefixListIds")) {
                SgRule rule = s.rule(protocol, from, to);
                rule.prefixListId = prefix.require("PrefixListId");
                rule.description = prefix.get("Description");
                out.add(rule);
            }
        }
        if (p.get("CidrIp") != null) {
            String protocol = protocol(p.get("IpProtocol") == null ? "-1" : p.get("IpProtocol"));
            SgRule rule = s.rule(protocol, "-1".equals(protocol) ? null : p.integer("FromPort"),
                    "-1".equals(protocol) ? null : p.integer("ToPort"));
            rule.cidrIp = p.get("CidrIp");
            out.add(rule);
        }
        return out;
    }

    static String protocol(String raw) {
        String value = raw.toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "all", "-1" -> "-1";
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            default -> value;
        };
    }

    static String modifyInstanceAttribute(QueryParams p, Ec2State s, CallContext ctx, String requestId) {
        Instance instance = s.instance(p.require("InstanceId"));
        List<String> groups = p.list("GroupId");
        if (groups.isEmpty()) {
            throw AwsError.badRequest("InvalidParameterCombination",
                    "The simulator supports ModifyInstanceAttribute only with GroupId.N");
        }
        s.requireGroupsInVpc(groups, instance.vpcId);
        NetworkInterface primary = s.primaryInterface(instance);
        replaceGroups(primary, groups);
        ObjectNode request = JSON.objectNode().put("instanceId", instance.instanceId);
        ArrayNode items = request.putObject("groupSet").putArray("items");
        groups.forEach(g -> items.addObject().put("groupId", g));
        ctx.recordEvent(SOURCE, "ModifyInstanceAttribute", request, JSON.objectNode().put("_return", true));
        return Ec2Render.response("ModifyInstanceAttribute", requestId).leaf("return", true).toString();
    }

    static String modifyNetworkInterfaceAttribute(QueryParams p, Ec2State s, CallContext ctx, String requestId) {
        NetworkInterface eni = s.networkInterface(p.require("NetworkInterfaceId"));
        List<String> groups = p.list("SecurityGroupId");
        String description = p.get("Description.Value");
        if (groups.isEmpty() && description == null) {
            throw AwsError.badRequest("MissingParameter", "No attribute to modify was specified");
        }
        s.requireGroupsInVpc(groups, eni.vpcId);
        if (!groups.isEmpty()) {
            replaceGroups(eni, groups);
        }
        if (description != null) {
            eni.description = description;
        }
        ObjectNode request = JSON.objectNode().put("networkInterfaceId", eni.networkInterfaceId);
        if (!groups.isEmpty()) {
            ArrayNode items = request.putObject("groupSet").putArray("items");
            groups.forEach(g -> items.addObject().put("groupId", g));
        }
        ctx.recordEvent(SOURCE, "ModifyNetworkInterfaceAttribute", request, JSON.objectNode().put("_return", true));
        return Ec2Render.response("ModifyNetworkInterfaceAttribute", requestId).leaf("return", true).toString();
    }

    private static void replaceGroups(NetworkInterface eni, List<String> groups) {
        // Replace in one step so a concurrent dump never sees an ENI without groups.
        List<String> copy = List.copyOf(new java.util.LinkedHashSet<>(groups));
        eni.groups.retainAll(copy);
        copy.stream().filter(g -> !eni.groups.contains(g)).forEach(eni.groups::add);
    }

    static String createSnapshot(QueryParams p, Ec2State s, CallContext ctx, String requestId) {
        Volume volume = s.volume(p.require("VolumeId"));
        Snapshot snapshot = new Snapshot();
        snapshot.snapshotId = s.newId("snap");
        snapshot.volumeId = volume.volumeId;
        snapshot.volumeSize = volume.sizeGiB;
        snapshot.description = p.get("Description") == null ? "" : p.get("Description");
        snapshot.ownerId = s.accountId;
        snapshot.startTime = ctx.clock().now();
        snapshot.tags.putAll(tagSpecifications(p, "snapshot"));
        s.snapshots.put(snapshot.snapshotId, snapshot);
        ObjectNode request = JSON.objectNode().put("volumeId", volume.volumeId).put("description", snapshot.description);
        ObjectNode response = JSON.objectNode().put("snapshotId", snapshot.snapshotId).put("volumeId", volume.volumeId)
                .put("status", "pending").put("ownerId", s.accountId).put("volumeSize", volume.sizeGiB);
        ctx.recordEvent(SOURCE, "CreateSnapshot", request, response);
        // AWS answers "pending"; the simulated copy is instant, so Describe shows it completed.
        XmlWriter xml = Ec2Render.response("CreateSnapshot", requestId);
        Ec2Render.snapshotMembers(xml, snapshot, "pending", "");
        return xml.toString();
    }

    static String createTags(QueryParams p, Ec2State s, CallContext ctx, String requestId, boolean delete) {
        List<String> ids = p.list("ResourceId");
        if (ids.isEmpty()) {
            throw AwsError.badRequest("MissingParameter", "The request must contain the parameter resourceIdSet");
        }
        List<Taggable> resources = ids.stream().map(s::taggable).toList();
        Map<String, String> tags = new LinkedHashMap<>();
        for (QueryParams tag : p.structs("Tag")) {
            tags.put(tag.require("Key"), tag.get("Value") == null ? "" : tag.get("Value"));
        }
        for (Taggable resource : resources) {
            if (delete) {
                tags.keySet().forEach(resource.tags()::remove);
            } else {
                resource.tags().putAll(tags);
            }
        }
        ObjectNode request = JSON.objectNode();
        ArrayNode resourceItems = request.putObject("resourcesSet").putArray("items");
        ids.forEach(id -> resourceItems.addObject().put("resourceId", id));
        ArrayNode tagItems = request.putObject("tagSet").putArray("items");
        tags.forEach((k, v) -> tagItems.addObject().put("key", k).put("value", v));
        String action = delete ? "DeleteTags" : "CreateTags";
        ctx.recordEvent(SOURCE, action, request, JSON.objectNode().put("_return", true));
        return Ec2Render.response(action, requestId).leaf("return", true).toString();
    }

    /** Tags of every TagSpecification.N whose ResourceType matches. */
    static Map<String, String> tagSpecifications(QueryParams p, String resourceType) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (QueryParams spec : p.structs("TagSpecification")) {
            if (spec.get("ResourceType") == null || resourceType.equals(spec.get("ResourceType"))) {
                for (QueryParams tag : spec.structs("Tag")) {
                    tags.put(tag.require("Key"), tag.get("Value") == null ? "" : tag.get("Value"));
                }
            }
        }
        return tags;
    }
}
