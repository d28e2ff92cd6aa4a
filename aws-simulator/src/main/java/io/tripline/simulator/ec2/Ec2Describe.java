package io.tripline.simulator.ec2;

import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.ec2.Ec2Resources.Instance;
import io.tripline.simulator.ec2.Ec2Resources.NetworkInterface;
import io.tripline.simulator.ec2.Ec2Resources.SecurityGroup;
import io.tripline.simulator.ec2.Ec2Resources.Snapshot;
import io.tripline.simulator.ec2.Ec2Resources.Taggable;
import io.tripline.simulator.ec2.Ec2Resources.Volume;
import io.tripline.simulator.ec2.Ec2Resources.Vpc;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The read-only EC2 operations. Explicit ids ({@code InstanceId.N} ...) must all exist or the call fails
 * with the resource's NotFound code, while filters simply select; results page with MaxResults/NextToken.
 */
final class Ec2Describe {

    private Ec2Describe() {
    }

    /** One page of a result list: NextToken is the offset of the next page. */
    record Page<T>(List<T> items, String nextToken) {
    }

    static <T> Page<T> page(List<T> all, QueryParams params) {
        Integer max = params.integer("MaxResults");
        String token = params.get("NextToken");
        int from = 0;
        if (token != null && !token.isEmpty()) {
            try {
                from = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw AwsError.badRequest("InvalidParameterValue", "Invalid value '" + token + "' for NextToken");
            }
        }
        if (max == null || max <= 0) {
            return new Page<>(all.subList(Math.min(from, all.size()), all.size()), null);
        }
        int to = Math.min(all.size(), from + max);
        return new Page<>(all.subList(Math.min(from, to), to), to < all.size() ? String.valueOf(to) : null);
    }

    /** Resources selected by explicit ids (each must exist) and filters. */
    private static <T extends Taggable> List<T> select(Map<String, T> all, List<String> ids, Function<String, T> lookup,
                                                       QueryParams params, BiFunction<T, String, Collection<String>> fields) {
        Ec2Filters filters = Ec2Filters.parse(params);
        Collection<T> candidates = ids.isEmpty() ? all.values() : ids.stream().map(lookup).toList();
        return candidates.stream().filter(r -> filters.matches(r, fields)).toList();
    }

    static String describeInstances(QueryParams p, Ec2State s, String requestId) {
        List<Instance> selected = select(s.instances, p.list("InstanceId"), s::instance, p, (i, name) -> switch (name) {
            case "instance-id" -> List.of(i.instanceId);
            case "vpc-id" -> List.of(i.vpcId);
            case "subnet-id" -> List.of(i.subnetId);
            case "instance-state-name" -> List.of(i.state);
            case "instance-type" -> List.of(i.instanceType);
            case "private-ip-address" -> List.of(i.privateIpAddress);
            case "ip-address" -> i.publicIpAddress == null ? List.of() : List.of(i.publicIpAddress);
            case "instance.group-id", "group-id" -> s.primaryInterface(i).groups;
            case "network-interface.network-interface-id" -> i.networkInterfaceIds;
            case "block-device-mapping.volume-id" -> i.volumeIds;
            case "iam-instance-profile.arn" -> i.iamInstanceProfileArn == null ? List.of() : List.of(i.iamInstanceProfileArn);
            case "availability-zone" -> List.of(i.availabilityZone);
            default -> null;
        });
        Page<Instance> page = page(selected, p);
        XmlWriter xml = Ec2Render.response("DescribeInstances", requestId).start("reservationSet");
        for (Instance instance : page.items()) {
            xml.start("item").leaf("reservationId", instance.reservationId).leaf("ownerId", s.accountId);
            Ec2Render.groupSet(xml, s, s.primaryInterface(instance).groups);
            xml.start("instancesSet");
            Ec2Render.instance(xml, s, instance);
            xml.end().end();
        }
        return xml.end().leaf("nextToken", page.nextToken()).toString();
    }

    static String describeSecurityGroups(QueryParams p, Ec2State s, String requestId) {
        List<String> ids = p.list("GroupId");
        List<String> names = p.list("GroupName");
        List<SecurityGroup> selected = select(s.securityGroups, ids, s::group, p, (g, name) -> switch (name) {
            case "group-id" -> List.of(g.groupId);
            case "group-name" -> List.of(g.groupName);
            case "vpc-id" -> List.of(g.vpcId);
            case "description" -> List.of(g.description);
            case "owner-id" -> List.of(g.ownerId);
            case "ip-permission.cidr" -> g.ingress.stream().map(r -> r.cidrIp).toList();
            case "ip-permission.from-port" -> g.ingress.stream().map(r -> String.valueOf(r.fromPort)).toList();
            case "ip-permission.to-port" -> g.ingress.stream().map(r -> String.valueOf(r.toPort)).toList();
            case "ip-permission.protocol" -> g.ingress.stream().map(r -> r.ipProtocol).toList();
            case "egress.ip-permission.cidr" -> g.egress.stream().map(r -> r.cidrIp).toList();
            default -> null;
        });
        for (String name : names) {
            if (selected.stream().noneMatch(g -> g.groupName.equals(name))) {
                throw AwsError.badRequest("InvalidGroup.NotFound", "The security group '" + name + "' does not exist");
            }
        }
        if (!names.isEmpty()) {
            selected = selected.stream().filter(g -> names.contains(g.groupName)).toList();
        }
        Page<SecurityGroup> page = page(selected, p);
        XmlWriter xml = Ec2Render.response("DescribeSecurityGroups", requestId).start("securityGroupInfo");
        page.items().forEach(g -> Ec2Render.securityGroup(xml, g));
        return xml.end().leaf("nextToken", page.nextToken()).toString();
    }

    static String describeNetworkInterfaces(QueryParams p, Ec2State s, String requestId) {
        List<NetworkInterface> selected = select(s.networkInterfaces, p.list("NetworkInterfaceId"), s::networkInterface, p,
                (e, name) -> switch (name) {
                    case "network-interface-id" -> List.of(e.networkInterfaceId);
                    case "attachment.instance-id" -> e.instanceId == null ? List.of() : List.of(e.instanceId);
                    case "vpc-id" -> List.of(e.vpcId);
                    case "subnet-id" -> List.of(e.subnetId);
                    case "group-id" -> e.groups;
                    case "private-ip-address", "addresses.private-ip-address" -> List.of(e.privateIpAddress);
                    case "status" -> List.of(e.instanceId == null ? "available" : "in-use");
                    default -> null;
                });
        Page<NetworkInterface> page = page(selected, p);
        XmlWriter xml = Ec2Render.response("DescribeNetworkInterfaces", requestId).start("networkInterfaceSet");
        page.items().forEach(e -> Ec2Render.networkInterface(xml, s, e));
        return xml.end().leaf("nextToken", page.nextToken()).toString();
    }

    static String describeVolumes(QueryParams p, Ec2State s, String requestId) {
        List<Volume> selected = select(s.volumes, p.list("VolumeId"), s::volume, p, (v, name) -> switch (name) {
            case "volume-id" -> List.of(v.volumeId);
            case "attachment.instance-id" -> v.instanceId == null ? List.of() : List.of(v.instanceId);
            case "attachment.device" -> v.deviceName == null ? List.of() : List.of(v.deviceName);
            case "status" -> List.of(v.instanceId == null ? "available" : "in-use");
            case "size" -> List.of(String.valueOf(v.sizeGiB));
            case "availability-zone" -> List.of(v.availabilityZone);
            default -> null;
        });
        Page<Volume> page = page(selected, p);
        XmlWriter xml = Ec2Render.response("DescribeVolumes", requestId).start("volumeSet");
        page.items().forEach(v -> Ec2Render.volume(xml, v));
        return xml.end().leaf("nextToken", page.nextToken()).toString();
    }

    static String describeSnapshots(QueryParams p, Ec2State s, String requestId) {
        List<String> owners = p.list("Owner").isEmpty() ? p.list("OwnerId") : p.list("Owner");
        List<Snapshot> selected = select(s.snapshots, p.list("SnapshotId"), s::snapshot, p, (snap, name) -> switch (name) {
            case "snapshot-id" -> List.of(snap.snapshotId);
            case "volume-id" -> List.of(snap.volumeId);
            case "owner-id" -> List.of(snap.ownerId);
            case "status" -> List.of(snap.state);
            case "description" -> List.of(snap.description);
            case "volume-size" -> List.of(String.valueOf(snap.volumeSize));
            default -> null;
        });
        if (!owners.isEmpty()) {
            // "self" means the caller's account; snapshots here are always owned by this account.
            selected = selected.stream().filter(snap -> owners.contains("self") || owners.contains(snap.ownerId)).toList();
        }
        Page<Snapshot> page = page(selected, p);
        XmlWriter xml = Ec2Render.response("DescribeSnapshots", requestId).start("snapshotSet");
        page.items().forEach(snap -> {
            xml.start("item");
            Ec2Render.snapshotMembers(xml, snap, snap.state, "100%");
            xml.end();
        });
        return xml.end().leaf("nextToken", page.nextToken()).toString();
    }

    static String describeVpcs(QueryParams p, Ec2State s, String requestId) {
        List<Vpc> selected = select(s.vpcs, p.list("VpcId"), s::vpc, p, (v, name) -> switch (name) {
            case "vpc-id" -> List.of(v.vpcId);
            case "cidr", "cidr-block-association.cidr-block" -> List.of(v.cidrBlock);
            case "is-default", "isDefault" -> List.of(String.valueOf(v.isDefault));
            case "state" -> List.of("available");
            case "owner-id" -> List.of(s.accountId);
            default -> null;
        });
        Page<Vpc> page = page(selected, p);
        XmlWriter xml = Ec2Render.response("DescribeVpcs", requestId).start("vpcSet");
        page.items().forEach(v -> Ec2Render.vpc(xml, s, v));
        return xml.end().leaf("nextToken", page.nextToken()).toString();
    }
}
