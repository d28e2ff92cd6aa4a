package io.tripline.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.context.annotation.Context;
import io.tripline.core.topic.TopicCreator;
import io.tripline.core.topic.Topics;
import io.tripline.ingest.aws.AwsClients;
import io.tripline.ingest.config.AccountConfig;
import io.tripline.ingest.config.CloudTrailConfig;
import io.tripline.ingest.config.ConfigValidator;
import io.tripline.ingest.config.GuardDutyConfig;
import io.tripline.ingest.config.IngestConfig;
import io.tripline.ingest.config.KafkaSettings;
import io.tripline.ingest.config.SecurityHubConfig;
import io.tripline.ingest.config.SourceType;
import io.tripline.ingest.config.SqsConfig;
import io.tripline.ingest.kafka.CommitHook;
import io.tripline.ingest.kafka.CursorStore;
import io.tripline.ingest.kafka.TransactionalPublisher;
import io.tripline.ingest.ops.IngestMetrics;
import io.tripline.ingest.source.CloudTrailPoller;
import io.tripline.ingest.source.GuardDutyPoller;
import io.tripline.ingest.source.Poller;
import io.tripline.ingest.source.RecordMapper;
import io.tripline.ingest.source.SecurityHubPoller;
import io.tripline.ingest.source.SourceHealth;
import io.tripline.ingest.source.SourceId;
import io.tripline.ingest.source.SourceTask;
import io.tripline.ingest.sqs.EventsSqsReceiver;
import io.tripline.ingest.sqs.S3SqsReceiver;
import io.tripline.schema.v1.IngestCursor;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * Starts one {@link SourceTask} per configured (source, account, region) — pollers per region, SQS
 * receivers once per account in its first region — after creating the topics and reading the committed
 * cursors back; stops them on shutdown, letting open transactions finish.
 */
@Context
public class IngestService {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final Duration CURSOR_READ_TIMEOUT = Duration.ofSeconds(60);

    private final IngestConfig config;
    private final KafkaSettings kafka;
    private final List<AccountConfig> accounts;
    private final AwsClients aws;
    private final GuardDutyConfig guardDuty;
    private final SecurityHubConfig securityHub;
    private final CloudTrailConfig cloudTrail;
    private final SqsConfig sqs;
    private final IngestMetrics metrics;
    private final CommitHook hook;
    private final Clock clock = Clock.systemUTC();
    private final RecordMapper mapper = new RecordMapper(clock);
    private final List<SourceTask> tasks = new ArrayList<>();

    public IngestService(ConfigValidator validated, IngestConfig config, KafkaSettings kafka, List<AccountConfig> accounts,
                         AwsClients aws, GuardDutyConfig guardDuty, SecurityHubConfig securityHub,
                         CloudTrailConfig cloudTrail, SqsConfig sqs, IngestMetrics metrics, CommitHook hook) {
        this.config = config;
        this.kafka = kafka;
        this.accounts = accounts;
        this.aws = aws;
        this.guardDuty = guardDuty;
        this.securityHub = securityHub;
        this.cloudTrail = cloudTrail;
        this.sqs = sqs;
        this.metrics = metrics;
        this.hook = hook;
    }

    @PostConstruct
    synchronized void start() {
        if (config.isCreateTopics()) {
            try (Admin admin = Admin.create(kafka.copy())) {
                new TopicCreator(admin, config.getReplicationFactor()).ensure(Topics.all(), config.getTopicPrefix());
            }
        }
        Map<String, IngestCursor> cursors = CursorStore.readAll(kafka.copy(), config.getTopicPrefix(), CURSOR_READ_TIMEOUT);
        LOG.info("Read {} committed cursors", cursors.size());
        for (AccountConfig account : accounts) {
            for (String name : account.getSources()) {
                SourceType type = SourceType.parse(name).orElseThrow();
                List<String> regions = type == SourceType.S3 || type == SourceType.EVENTBRIDGE
                        ? List.of(account.getRegions().get(0)) : account.getRegions();
                for (String region : regions) {
                    SourceId id = new SourceId(type, account.getId(), region);
                    IngestCursor cursor = cursors.getOrDefault(id.key(), initialCursor(id));
                    SourceTask task = new SourceTask(id, poller(type, account, region), cursor,
                            () -> publisher(id), metrics, config.getPollInterval(), config.getMaxBackoff(), clock);
                    tasks.add(task);
                }
            }
        }
        tasks.forEach(SourceTask::start);
        LOG.info("Ingest instance {} started {} sources", config.getInstanceId(), tasks.size());
    }

    private Poller poller(SourceType type, AccountConfig account, String region) {
        return switch (type) {
            case GUARDDUTY -> new GuardDutyPoller(aws.guardDuty(account, region), guardDuty, mapper);
            case SECURITYHUB -> new SecurityHubPoller(aws.securityHub(account, region), securityHub, mapper);
            case CLOUDTRAIL -> new CloudTrailPoller(aws.cloudTrail(account, region), cloudTrail, mapper);
            case S3 -> new S3SqsReceiver(aws.sqs(account, region), aws.s3(account, region), account.getS3QueueUrl(),
                    sqs, mapper);
            case EVENTBRIDGE -> new EventsSqsReceiver(aws.sqs(account, region), account.getEventsQueueUrl(), sqs, mapper);
        };
    }

    private TransactionalPublisher publisher(SourceId id) {
        // fixed per instance and source: a restarted instance fences the previous one's open transaction
        String transactionalId = "tripline-ingest-" + config.getInstanceId() + "-" + id.key().replace('/', '-');
        return new TransactionalPublisher(id, kafka.copy(), transactionalId, config.getTopicPrefix(), hook);
    }

    private IngestCursor initialCursor(SourceId id) {
        Instant start = config.getStartFrom() != null ? config.getStartFrom() : clock.instant().minus(config.getInitialLookback());
        return IngestCursor.newBuilder().setSource(id.type().id()).setAccountId(id.account()).setRegion(id.region())
                .setPosition(start).setToken(null).setRecentIds(List.of()).setUpdatedAt(clock.instant()).build();
    }

    /** The health of every source, for /health. */
    public List<SourceHealth> health() {
        return tasks.stream().map(SourceTask::health).toList();
    }

    @PreDestroy
    synchronized void stop() {
        tasks.parallelStream().forEach(task -> task.stop(Duration.ofSeconds(15)));
        LOG.info("Ingest instance {} stopped", config.getInstanceId());
    }
}
