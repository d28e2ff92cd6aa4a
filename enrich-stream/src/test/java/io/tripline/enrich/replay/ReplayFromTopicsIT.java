package io.tripline.enrich.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tripline.core.normalize.Normalizers;
import io.tripline.core.normalize.SourceKind;
import io.tripline.core.normalize.SourceShapes;
import io.tripline.core.testing.Corpus;
import io.tripline.schema.v1.FindingResource;
import io.tripline.schema.v1.Principal;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.schema.v1.TrailResource;
import io.tripline.schema.v1.UserIdentity;
import io.tripline.stack.testing.SharedStack;

/** {@code tripline replay --bootstrap-servers ...} over the raw topics of a pipeline on the real broker. */
class ReplayFromTopicsIT {

    private static final String ACCOUNT_A = "111111111111";
    private static final String ACCOUNT_B = "222222222222";
    private static final String ALICE = "arn:aws:iam::111111111111:user/alice";
    private static final String OPS_ROLE = "arn:aws:iam::111111111111:role/ops";
    private static final String INSTANCE = "i-0aaaaaaaaaaaaaaa1";
    private static final String BUCKET = "evidence-bucket";

    private static RawTopicsFixture mix;
    private static Instant mixStart;
    private static Instant mixEnd;

    @TempDir
    Path dir;

    @BeforeAll
    static void fillTopicsWithTheCorpusMix() throws Exception {
        mix = new RawTopicsFixture("replay-mix");
        mixStart = RawTopicsFixture.recentStart(Duration.ofHours(2));
        List<ReplayRecord> records = RawTopicsFixture.corpusMix(mixStart, Duration.ofSeconds(2));
        mix.produce(records);
        mixEnd = records.get(records.size() - 1).eventTime().plusSeconds(1);
    }

    @Test
    void shouldReplayOnlyTheTimeRangeAndWhatTheFiltersSelect() throws Exception {
        RawTopicsFixture topics = new RawTopicsFixture("replay-seek");
        Instant t1 = RawTopicsFixture.recentStart(Duration.ofHours(3));
        Instant t2 = t1.plus(Duration.ofMinutes(30));
        TrailEvent trail = (TrailEvent) normalized("cloudtrail/awsdocs_cloudtrail_examples.jsonl");
        SecurityFinding guardDuty = (SecurityFinding) normalized("guardduty/cartography_mock_getfindings.jsonl");
        SecurityFinding securityHub = (SecurityFinding) normalized("securityhub/awsdocs_securityhub_examples.jsonl");
        topics.produce(List.of(
                event(trail, "ct-before", t1.minusSeconds(60), ACCOUNT_A, ALICE, null, null, "{}", List.of()),
                event(trail, "ct-alice", t1.plusSeconds(60), ACCOUNT_A, ALICE, "AKIAALICE", null,
                        "{\"instanceId\":\"" + INSTANCE + "\"}", List.of()),
                event(trail, "ct-bob", t1.plusSeconds(120), ACCOUNT_B, "arn:aws:iam::222222222222:user/bob", null, null,
                        "{\"bucketName\":\"" + BUCKET + "\",\"acl\":[\"private\"]}", List.of()),
                event(trail, "ct-role", t1.plusSeconds(180), ACCOUNT_A,
                        "arn:aws:sts::111111111111:assumed-role/ops/session", null, OPS_ROLE, null,
                        List.of(new TrailResource("arn:aws:s3:::" + BUCKET, "AWS::S3::Bucket", ACCOUNT_A))),
                finding(guardDuty, SourceKind.GUARDDUTY, "gd-a", t1.plusSeconds(240), ACCOUNT_A, null,
                        new FindingResource("Instance", INSTANCE, null, Map.of(), null)),
                finding(securityHub, SourceKind.SECURITYHUB, "sh-b", t1.plusSeconds(300), ACCOUNT_B,
                        new Principal(null, "AKIABOB", null, "IAMUser"),
                        new FindingResource("AwsS3Bucket", "arn:aws:s3:::" + BUCKET, null, Map.of(), null)),
                event(trail, "ct-at-to", t2, ACCOUNT_A, ALICE, null, null, "{}", List.of()),
                event(trail, "ct-after", t2.plusSeconds(60), ACCOUNT_A, ALICE, null, null, "{}", List.of()),
                // CloudTrail arrives late: written after records stamped past --to, still inside the range.
                event(trail, "ct-late", t1.plusSeconds(360), ACCOUNT_B, "arn:aws:iam::222222222222:user/bob", null, null,
                        "{}", List.of())));

        assertThat(keys(topics, t1, t2, Set.of(), Set.of(), Set.of()))
                .containsExactly("ct-alice", "ct-bob", "ct-role", "gd-a", "sh-b", "ct-late");
        assertThat(keys(topics, t1, t2, Set.of(ACCOUNT_A), Set.of(), Set.of()))
                .containsExactly("ct-alice", "ct-role", "gd-a");
        assertThat(keys(topics, t1, t2, Set.of(), Set.of(ALICE), Set.of())).containsExactly("ct-alice");
        assertThat(keys(topics, t1, t2, Set.of(), Set.of("bob", "AKIABOB"), Set.of()))
                .containsExactly("ct-bob", "sh-b", "ct-late");
        assertThat(keys(topics, t1, t2, Set.of(), Set.of(OPS_ROLE), Set.of())).containsExactly("ct-role");
        assertThat(keys(topics, t1, t2, Set.of(), Set.of(), Set.of(INSTANCE))).containsExactly("ct-alice", "gd-a");
        assertThat(keys(topics, t1, t2, Set.of(), Set.of(), Set.of(BUCKET))).containsExactly("ct-bob", "ct-role", "sh-b");
        assertThat(keys(topics, t1, t2, Set.of(ACCOUNT_B), Set.of(), Set.of(BUCKET))).containsExactly("ct-bob", "sh-b");
        assertThat(keys(topics, t1.plusSeconds(150), t2, Set.of(), Set.of(), Set.of()))
                .containsExactly("ct-role", "gd-a", "sh-b", "ct-late");

        List<String> args = topics.args(t1, t2);
        args.addAll(List.of("--account", ACCOUNT_A, "--out", dir.resolve("a.jsonl").toString()));
        RawTopicsFixture.Run run = RawTopicsFixture.replay(args);
        assertThat(run.code()).as(run.stderr()).isZero();
        // ct-before lies before the seek position and is never read; ct-at-to and ct-after are read and dropped.
        assertThat(run.stderr()).contains("replay: 8 values read, 3 events replayed")
                .contains("2 records outside the time range, 3 filtered out")
                .contains("account=" + ACCOUNT_A);
        assertThat(Files.readAllLines(dir.resolve("a.jsonl"))).anySatisfy(line -> assertThat(line).contains("gd-a"));
    }

    @Test
    void shouldRefuseProductionTopicsWithExit2NamingThem() {
        for (String name : List.of("tripline.incidents", "tripline.ocsf", "tripline.raw.cloudtrail", "tripline.findings",
                "_schemas")) {
            List<String> args = mix.args(mixStart, mixEnd);
            args.addAll(List.of("--to-topic", name));
            RawTopicsFixture.Run run = RawTopicsFixture.replay(args);
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.stderr()).contains("--to-topic " + name + " is a production topic");
        }
        // Under the replayed pipeline's prefix, its production names are just as off limits.
        List<String> prefixed = mix.args(mixStart, mixEnd);
        prefixed.addAll(List.of("--to-topic", mix.prefix + "tripline.ocsf"));
        RawTopicsFixture.Run run = RawTopicsFixture.replay(prefixed);
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.stderr()).contains("--to-topic " + mix.prefix + "tripline.ocsf is a production topic");
    }

    @Test
    void shouldWriteTheOcsfToAnInvestigationTopicWithTheReplayHeader() throws Exception {
        String investigation = "tripline.investigation." + SharedStack.uniqueName("case");
        List<String> toTopic = mix.args(mixStart, mixEnd);
        toTopic.addAll(List.of("--to-topic", investigation));
        RawTopicsFixture.Run run = RawTopicsFixture.replay(toTopic);
        assertThat(run.code()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("OCSF written to topic " + investigation);

        List<String> toFile = mix.args(mixStart, mixEnd);
        toFile.addAll(List.of("--out", dir.resolve("case.jsonl").toString()));
        assertThat(RawTopicsFixture.replay(toFile).code()).isZero();
        List<String> expected = Files.readAllLines(dir.resolve("case.jsonl"));

        List<ConsumerRecord<String, String>> records = readAll(investigation, expected.size());
        assertThat(records).extracting(ConsumerRecord::value).containsExactlyElementsOf(expected);
        assertThat(records).allSatisfy(record -> {
            assertThat(header(record, InvestigationTopic.REPLAY_HEADER)).isEqualTo("true");
            assertThat(header(record, InvestigationTopic.SOURCE_HEADER))
                    .isEqualTo("topics=" + mix.prefix + "tripline.raw.guardduty," + mix.prefix + "tripline.raw.securityhub,"
                            + mix.prefix + "tripline.raw.cloudtrail from=" + mixStart + " to=" + mixEnd);
        });
        try (var admin = RawTopicsFixture.STACK.admin()) {
            assertThat(admin.describeTopics(List.of(investigation)).allTopicNames().get().get(investigation).partitions())
                    .hasSize(1);
        }
    }

    @Test
    void shouldGiveByteIdenticalOutputForTheSameTopicReplay() throws Exception {
        List<String> first = mix.args(mixStart, mixEnd);
        first.addAll(List.of("--out", dir.resolve("first.jsonl").toString()));
        List<String> second = mix.args(mixStart, mixEnd);
        second.addAll(List.of("--out", dir.resolve("second.jsonl").toString()));

        RawTopicsFixture.Run run = RawTopicsFixture.replay(first);
        assertThat(run.code()).as(run.stderr()).isZero();
        assertThat(RawTopicsFixture.replay(second).code()).isZero();

        byte[] bytes = Files.readAllBytes(dir.resolve("first.jsonl"));
        assertThat(bytes).isNotEmpty().isEqualTo(Files.readAllBytes(dir.resolve("second.jsonl")));
        assertThat(run.stderr()).contains("  rule ").contains(" 0 unparseable");
    }

    @Test
    void shouldExit1NamingAMissingTopicOrAnUnreachableRegistry() {
        String prefix = SharedStack.uniqueName("nothing-here") + ".";
        RawTopicsFixture.Run missing = RawTopicsFixture.replay(List.of("--bootstrap-servers",
                RawTopicsFixture.STACK.bootstrapServers(), "--topic-prefix", prefix, "--from", mixStart.toString()));
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.stderr()).contains("topic " + prefix + "tripline.raw.guardduty not found");

        List<String> args = mix.args(mixStart, mixEnd);
        args.set(args.indexOf(RawTopicsFixture.STACK.registryUrl()), "http://127.0.0.1:9");
        RawTopicsFixture.Run noRegistry = RawTopicsFixture.replay(args);
        assertThat(noRegistry.code()).isEqualTo(1);
        assertThat(noRegistry.stderr()).contains("schema registry http://127.0.0.1:9 unreachable");
    }

    private static List<String> keys(RawTopicsFixture topics, Instant from, Instant to, Set<String> accounts,
                                     Set<String> principals, Set<String> resources) {
        TopicQuery query = new TopicQuery(RawTopicsFixture.STACK.bootstrapServers(), RawTopicsFixture.STACK.registryUrl(),
                topics.prefix, from, to, Duration.ofHours(6), new ReplayFilter(accounts, principals, resources), Map.of());
        return new TopicReplayReader(query).read(null).records().stream().map(ReplayRecord::key).toList();
    }

    private static SpecificRecord normalized(String file) {
        return new Normalizers().normalize(SourceShapes.unwrap(Corpus.lines(file).get(0).json()).get(0));
    }

    private static ReplayRecord event(TrailEvent base, String id, Instant time, String account, String arn, String accessKey,
                                      String issuer, String requestParameters, List<TrailResource> resources) {
        UserIdentity who = UserIdentity.newBuilder().setType("IAMUser").setArn(arn).setAccountId(account)
                .setAccessKeyId(accessKey).setUserName(arn.contains(":user/") ? arn.substring(arn.lastIndexOf('/') + 1) : null)
                .setSessionIssuerArn(issuer).build();
        TrailEvent event = TrailEvent.newBuilder(base).setEventId(id).setEventTime(time).setRecipientAccountId(account)
                .setUserIdentity(who).setRequestParameters(requestParameters).setResources(resources).build();
        return ReplayRecord.of(SourceKind.CLOUDTRAIL, event);
    }

    private static ReplayRecord finding(SecurityFinding base, SourceKind kind, String id, Instant time, String account,
                                        Principal principal, FindingResource resource) {
        SecurityFinding finding = SecurityFinding.newBuilder(base).setSourceId(id).setIdentity("identity-" + id)
                .setUpdatedAt(time).setAccountId(account).setPrincipal(principal).setResources(List.of(resource)).build();
        return ReplayRecord.of(kind, finding);
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        Map<String, Object> config = RawTopicsFixture.STACK.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(out::add);
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
