package io.tripline.simulator.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import io.tripline.simulator.core.World;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Contract test: the real SDK v2 EC2 client against the simulated EC2 over HTTP. */
class Ec2ServiceIT {

    private static final String SEED = """
            vpcs: [{vpcId: vpc-0a1, cidrBlock: 10.0.0.0/16}]
            securityGroups:
              - {groupId: sg-0web, groupName: web, vpcId: vpc-0a1, description: web tier,
                 ingress: [{ipProtocol: tcp, fromPort: 22, toPort: 22, cidrIp: 0.0.0.0/0}]}
            instances:
              - instanceId: i-0abc123
                instanceType: t3.micro
                vpcId: vpc-0a1
                subnetId: subnet-0a1
                privateIpAddress: 10.0.1.10
                publicIpAddress: 54.1.2.3
                iamInstanceProfile: {arn: "arn:aws:iam::123456789012:instance-profile/web-role", roleName: web-role}
                state: running
                tags: {Environment: production, Name: web-1}
                securityGroups: [sg-0web]
                networkInterfaces: [{networkInterfaceId: eni-0a1, groups: [sg-0web], privateIpAddress: 10.0.1.10}]
                volumes: [{volumeId: vol-0a1, sizeGiB: 8, deviceName: /dev/xvda}]
              - {instanceId: i-0def456, vpcId: vpc-0a1, state: stopped, tags: {Environment: staging}}
            """;

    private static AwsSimulator sim;
    private static Ec2Client ec2;
    private static CloudTrailClient cloudTrail;

    @BeforeAll
    static void start() throws Exception {
        sim = AwsSimulator.start(SimulatorOptions.defaults());
        new Ec2Service().seed(sim.world(), sim.world().account(World.DEFAULT_ACCOUNT), "us-east-1",
                new ObjectMapper(new YAMLFactory()).readTree(SEED));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTRIPLINETEST", "secret"));
        ec2 = Ec2Client.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder()).build();
        cloudTrail = CloudTrailClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        ec2.close();
        cloudTrail.close();
        sim.close();
    }

    @Test
    void shouldDescribeSeededInstanceWithGroupsInterfacesVolumesProfileAndTags() {
        List<Instance> instances = ec2.describeInstances(r -> r.filters(
                        Filter.builder().name("tag:Environment").values("production").build()))
                .reservations().stream().flatMap(r -> r.instances().stream()).toList();

        assertThat(instances).hasSize(1);
        Instance web = instances.get(0);
        assertThat(web.instanceId()).isEqualTo("i-0abc123");
        assertThat(web.state().nameAsString()).isEqualTo("running");
        assertThat(web.publicIpAddress()).isEqualTo("54.1.2.3");
        assertThat(web.securityGroups()).extracting(g -> g.groupId() + "/" + g.groupName()).containsExactly("sg-0web/web");
        assertThat(web.networkInterfaces()).singleElement().satisfies(eni -> {
            assertThat(eni.networkInterfaceId()).isEqualTo("eni-0a1");
            assertThat(eni.groups()).extracting(g -> g.groupId()).containsExactly("sg-0web");
        });
        assertThat(web.blockDeviceMappings()).singleElement().satisfies(b -> assertThat(b.ebs().volumeId()).isEqualTo("vol-0a1"));
        assertThat(web.iamInstanceProfile().arn()).endsWith("instance-profile/web-role");
        assertThat(web.tags()).contains(Tag.builder().key("Name").value("web-1").build());
    }

    @Test
    void shouldSelectInstancesByStateAndVpcFilters() {
        var stopped = ec2.describeInstances(r -> r.filters(
                Filter.builder().name("instance-state-name").values("stopped").build(),
                Filter.builder().name("vpc-id").values("vpc-0a1").build()));
        assertThat(stopped.reservations()).flatExtracting(r -> r.instances()).extracting(Instance::instanceId)
                .containsExactly("i-0def456");
    }

    @Test
    void shouldFailWithInvalidInstanceIdNotFoundForUnknownInstance() {
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds("i-0000000000000dead")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    @Test
    void shouldIsolateInstanceIntoNewGroupWithoutEgressAndRecordTheCalls() {
        String quarantine = ec2.createSecurityGroup(r -> r.groupName("quarantine").description("isolation").vpcId("vpc-0a1"))
                .groupId();
        SecurityGroup created = ec2.describeSecurityGroups(r -> r.groupIds(quarantine)).securityGroups().get(0);
        assertThat(created.ipPermissionsEgress()).singleElement().satisfies(p -> {
            assertThat(p.ipProtocol()).isEqualTo("-1");
            assertThat(p.ipRanges()).extracting(IpRange::cidrIp).containsExactly("0.0.0.0/0");
        });

        ec2.revokeSecurityGroupEgress(r -> r.groupId(quarantine).ipPermissions(IpPermission.builder().ipProtocol("-1")
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
        ec2.modifyInstanceAttribute(r -> r.instanceId("i-0abc123").groups(quarantine));

        Instance web = ec2.describeInstances(r -> r.instanceIds("i-0abc123")).reservations().get(0).instances().get(0);
        assertThat(web.securityGroups()).extracting(g -> g.groupId()).containsExactly(quarantine);
        assertThat(ec2.describeSecurityGroups(r -> r.groupIds(quarantine)).securityGroups().get(0).ipPermissionsEgress())
                .isEmpty();
        assertThat(ec2.describeNetworkInterfaces(r -> r.filters(Filter.builder().name("attachment.instance-id")
                .values("i-0abc123").build())).networkInterfaces().get(0).groups())
                .extracting(g -> g.groupId()).containsExactly(quarantine);
        List<Event> events = cloudTrail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                .attributeValue("ModifyInstanceAttribute"))).events();
        assertThat(events).singleElement().satisfies(e -> assertThat(e.cloudTrailEvent()).contains("i-0abc123", quarantine));
    }

    @Test
    void shouldRejectDuplicateIngressRuleAndUnknownRevocation() {
        IpPermission ssh = IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();
        IpPermission rdp = ssh.toBuilder().fromPort(3389).toPort(3389).build();
        assertThatThrownBy(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId("sg-0web").ipPermissions(ssh)))
                .isInstanceOfSatisfying(Ec2Exception.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPermission.Duplicate"));
        assertThatThrownBy(() -> ec2.revokeSecurityGroupIngress(r -> r.groupId("sg-0web").ipPermissions(rdp)))
                .isInstanceOfSatisfying(Ec2Exception.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPermission.NotFound"));
        assertThatThrownBy(() -> ec2.createSecurityGroup(r -> r.groupName("web").description("again").vpcId("vpc-0a1")))
                .isInstanceOfSatisfying(Ec2Exception.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidGroup.Duplicate"));
    }

    @Test
    void shouldCreateTaggedForensicSnapshotAndFindItByTag() {
        var created = ec2.createSnapshot(r -> r.volumeId("vol-0a1").description("forensics i-0abc123")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SNAPSHOT)
                        .tags(Tag.builder().key("tripline:action").value("act-1").build()).build()));
        assertThat(created.snapshotId()).startsWith("snap-");
        assertThat(created.volumeId()).isEqualTo("vol-0a1");

        List<Snapshot> found = ec2.describeSnapshots(r -> r.ownerIds("self").filters(
                Filter.builder().name("tag:tripline:action").values("act-1").build())).snapshots();
        assertThat(found).extracting(Snapshot::snapshotId).containsExactly(created.snapshotId());
        assertThat(ec2.describeVolumes(r -> r.filters(Filter.builder().name("attachment.instance-id")
                .values("i-0abc123").build())).volumes()).singleElement()
                .satisfies(v -> assertThat(v.attachments().get(0).device()).isEqualTo("/dev/xvda"));
        assertThatThrownBy(() -> ec2.createSnapshot(r -> r.volumeId("vol-0nope")))
                .isInstanceOfSatisfying(Ec2Exception.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidVolume.NotFound"));
    }

    @Test
    void shouldListSeededAndDefaultVpcsAndTagResources() {
        assertThat(ec2.describeVpcs().vpcs()).extracting(v -> v.vpcId() + ":" + v.isDefault())
                .contains("vpc-0a1:false").anyMatch(s -> s.endsWith(":true"));
        ec2.createTags(r -> r.resources("i-0def456").tags(Tag.builder().key("Owner").value("team-a").build()));
        assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("tag:Owner").values("team-*").build()))
                .reservations()).flatExtracting(r -> r.instances()).extracting(Instance::instanceId).containsExactly("i-0def456");
    }
}
