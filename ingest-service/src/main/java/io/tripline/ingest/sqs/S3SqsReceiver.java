package io.tripline.ingest.sqs;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.NormalizationException;
import io.tripline.ingest.config.SqsConfig;
import io.tripline.ingest.kafka.Batch;
import io.tripline.ingest.source.Collector;
import io.tripline.ingest.source.PollContext;
import io.tripline.ingest.source.Poller;
import io.tripline.ingest.source.RecentIds;
import io.tripline.ingest.source.RecordMapper;
import io.tripline.schema.v1.IngestCursor;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * CloudTrail from S3 via SQS, the path that scales past LookupEvents: S3 object-created notifications
 * (direct or SNS-wrapped) name log files, which are streamed record by record and published in chunks,
 * one transaction each. The cursor's token holds the object and how many of its records are committed,
 * so a crash mid-file resumes after the last chunk; finished objects are remembered, so a message
 * redelivered after its commit publishes nothing twice. A message is deleted only after its commits.
 */
public final class S3SqsReceiver implements Poller {

    private static final Logger LOG = LoggerFactory.getLogger(S3SqsReceiver.class);
    private static final char SEPARATOR = '\n';

    private final SqsClient sqs;
    private final S3Client s3;
    private final String queueUrl;
    private final SqsConfig config;
    private final RecordMapper mapper;

    public S3SqsReceiver(SqsClient sqs, S3Client s3, String queueUrl, SqsConfig config, RecordMapper mapper) {
        this.sqs = sqs;
        this.s3 = s3;
        this.queueUrl = queueUrl;
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    public boolean poll(PollContext context) throws Exception {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(config.getMaxMessages())
                .waitTimeSeconds((int) config.getWaitTime().toSeconds())).messages();
        for (Message message : messages) {
            if (!context.running()) {
                return false;
            }
            handle(context, message);
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        return !messages.isEmpty();
    }

    private void handle(PollContext context, Message message) throws Exception {
        List<SqsBodies.S3Ref> refs;
        try {
            refs = SqsBodies.s3Objects(SqsBodies.unwrap(message.body()));
        } catch (RuntimeException e) {
            LOG.warn("SQS message {} on {} is not an S3 notification, sent to the DLQ: {}", message.messageId(),
                    context.source(), e.toString());
            context.commit(new Batch().deadLetter(mapper.deadLetter("s3", message.body(), e)));
            return;
        }
        for (SqsBodies.S3Ref ref : refs) {
            RecentIds done = RecentIds.restore(context.cursor().getRecentIds(), config.getMaxRecentIds());
            if (done.contains(ref.id())) {
                LOG.info("S3 object s3://{}/{} already published, skipping", ref.bucket(), ref.key());
                continue;
            }
            new FileIngest(context, ref, done).run();
        }
    }

    /** Publishing one object, chunk by chunk. */
    private final class FileIngest {
        private final PollContext context;
        private final SqsBodies.S3Ref ref;
        private final RecentIds done;
        private final long resumeAfter;
        private Instant position;
        private Batch batch = new Batch();
        private Collector collector;
        private long published;

        FileIngest(PollContext context, SqsBodies.S3Ref ref, RecentIds done) {
            this.context = context;
            this.ref = ref;
            this.done = done;
            this.resumeAfter = resumeOffset(context.cursor(), ref);
            this.position = context.cursor().getPosition();
            this.collector = newCollector();
        }

        void run() throws Exception {
            long total;
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(ref.bucket()).key(ref.key()))) {
                total = RecordsFileReader.read(in, this::accept);
            } catch (NoSuchKeyException | NoSuchBucketException | IOException | NormalizationException e) {
                if (!(e instanceof S3Exception) && !RecordsFileReader.unreadable(e)) {
                    throw e;
                }
                // a corrupt file, or one (or a bucket) that does not exist, never heals: set it aside and move on
                LOG.warn("S3 object s3://{}/{} is not a readable CloudTrail log file, sent to the DLQ: {}",
                        ref.bucket(), ref.key(), e.toString());
                batch.deadLetter(mapper.deadLetter("s3", "s3://" + ref.bucket() + "/" + ref.key(), e));
                total = -1;
            }
            done.add(ref.id(), context.clock().instant());
            commit(null);
            LOG.info("S3 object s3://{}/{}: {} records, {} published now (resumed after {})", ref.bucket(), ref.key(),
                    total, published, resumeAfter);
        }

        private void accept(long index, JsonNode record) {
            if (index < resumeAfter) {
                return;
            }
            collector.add(record);
            if (batch.records().size() + batch.deadLetters().size() >= config.getChunkSize()) {
                commit(ref.id() + SEPARATOR + (index + 1));
            }
        }

        private void commit(String token) {
            if (collector.maxTime().isAfter(position)) {
                position = collector.maxTime();
            }
            published += batch.records().size();
            context.commit(batch.cursor(context.nextCursor(position, done, token)));
            batch = new Batch();
            collector = newCollector();
        }

        private Collector newCollector() {
            // dedupe across files is by object; inside a file the offset token does it
            return new Collector(mapper, "s3", new RecentIds(config.getChunkSize() + 1), batch, position);
        }
    }

    private static long resumeOffset(IngestCursor cursor, SqsBodies.S3Ref ref) {
        String token = cursor.getToken() == null ? null : cursor.getToken().toString();
        if (token == null) {
            return 0;
        }
        int at = token.lastIndexOf(SEPARATOR);
        if (at < 0 || !token.substring(0, at).equals(ref.id())) {
            return 0;
        }
        return Long.parseLong(token.substring(at + 1));
    }
}
