package io.tripline.simulator.ec2;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The EC2 resources the simulator models. Public fields keep them Jackson-serialisable for the control
 * API's state dump; collections are concurrent so a dump never races a mutation into an exception.
 * Mutations happen under the owning {@link Ec2State}'s lock.
 */
public final class Ec2Resources {

    private Ec2Resources() {
    }

    /** Something EC2 tags can be attached to. */
    public interface Taggable {
        Map<String, String> tags();
    }

    /** A VPC; every region has a default one, as new AWS accounts do. */
    public static final class Vpc implements Taggable {
        public String vpcId;
        public String cidrBlock;
        public boolean isDefault;
        public final Map<String, String> tags = new ConcurrentSkipListMap<>();

        @Override
        public Map<String, String> tags() {
            return tags;
        }
    }

    /** One security-group rule: AWS stores rules individually and groups them into IpPermissions on output. */
    public static final class SgRule {
        public String ruleId;
        public String ipProtocol;
        public Integer fromPort;
        public Integer toPort;
        public String cidrIp;
        public String cidrIpv6;
        public String sourceGroupId;
        public String prefixListId;
        public String description;

        /** Same rule regardless of id and description, which is how AWS detects duplicates. */
        public boolean sameAs(SgRule other) {
            return Objects.equals(ipProtocol, other.ipProtocol) && Objects.equals(fromPort, other.fromPort)
                    && Objects.equals(toPort, other.toPort) && Objects.equals(cidrIp, other.cidrIp)
                    && Objects.equals(cidrIpv6, other.cidrIpv6) && Objects.equals(sourceGroupId, other.sourceGroupId)
                    && Objects.equals(prefixListId, other.prefixListId);
        }

        public String source() {
            return cidrIp != null ? cidrIp : cidrIpv6 != null ? cidrIpv6 : sourceGroupId != null ? sourceGroupId : prefixListId;
        }
    }

    /** A security group with its ingress and egress rules. */
    public static final class SecurityGroup implements Taggable {
        public String groupId;
        public String groupName;
        public String description;
        public String vpcId;
        public String ownerId;
        public final List<SgRule> ingress = new CopyOnWriteArrayList<>();
        public final List<SgRule> egress = new CopyOnWriteArrayList<>();
        public final Map<String, String> tags = new ConcurrentSkipListMap<>();

        @Override
        public Map<String, String> tags() {
            return tags;
        }
    }

    /** An elastic network interface; the primary one (device index 0) carries the instance's groups. */
    public static final class NetworkInterface implements Taggable {
        public String networkInterfaceId;
        public String subnetId;
        public String vpcId;
        public String availabilityZone;
        public String privateIpAddress;
        public String publicIpAddress;
        public String macAddress;
        public String description = "";
        public String instanceId;
        public String attachmentId;
        public int deviceIndex;
        public Instant attachTime;
        public final List<String> groups = new CopyOnWriteArrayList<>();
        public final Map<String, String> tags = new ConcurrentSkipListMap<>();

        @Override
        public Map<String, String> tags() {
            return tags;
        }
    }

    /** An EC2 instance; its security groups are those of its primary network interface. */
    public static final class Instance implements Taggable {
        public String instanceId;
        public String instanceType;
        public String imageId;
        public String vpcId;
        public String subnetId;
        public String availabilityZone;
        public String privateIpAddress;
        public String publicIpAddress;
        public String iamInstanceProfileArn;
        public String iamInstanceProfileId;
        /** Not shown by DescribeInstances (AWS only gives the profile), kept for the control API and seeds. */
        public String iamRoleName;
        public String state;
        public String reservationId;
        public Instant launchTime;
        public final List<String> networkInterfaceIds = new CopyOnWriteArrayList<>();
        public final List<String> volumeIds = new CopyOnWriteArrayList<>();
        public final Map<String, String> tags = new ConcurrentSkipListMap<>();

        @Override
        public Map<String, String> tags() {
            return tags;
        }
    }

    /** An EBS volume, optionally attached to one instance. */
    public static final class Volume implements Taggable {
        public String volumeId;
        public int sizeGiB;
        public String availabilityZone;
        public String volumeType = "gp3";
        public String snapshotId = "";
        public Instant createTime;
        public String instanceId;
        public String deviceName;
        public Instant attachTime;
        public final Map<String, String> tags = new ConcurrentSkipListMap<>();

        @Override
        public Map<String, String> tags() {
            return tags;
        }
    }

    /** An EBS snapshot (forensics before isolation). */
    public static final class Snapshot implements Taggable {
        public String snapshotId;
        public String volumeId;
        public int volumeSize;
        public String description = "";
        public String ownerId;
        public Instant startTime;
        public String state = "completed";
        public final Map<String, String> tags = new ConcurrentSkipListMap<>();

        @Override
        public Map<String, String> tags() {
            return tags;
        }
    }
}
