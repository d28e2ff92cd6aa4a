package io.tripline.ingest.sqs;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.ingest.config.SqsConfig;
import io.tripline.ingest.kafka.Batch;
import io.tripline.ingest.source.Collector;
import io.tripline.ingest.source.PollContext;
import io.tripline.ingest.source.Poller;
import io.tripline.ingest.source.RecentIds;
import io.tripline.ingest.source.RecordMapper;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * EventBridge → SQS for GuardDuty and Security Hub findings (near-real-time): each received batch goes
 * through SourceShapes and the normalizers into one transaction with the cursor, whose recent ids hold
 * the finding versions published, so a message redelivered after the commit is not published twice.
 * Messages are deleted only after the commit.
 */
public final class EventsSqsReceiver implements Poller {

    private static final Logger LOG = LoggerFactory.getLogger(EventsSqsReceiver.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final SqsConfig config;
    private final RecordMapper mapper;

    public EventsSqsReceiver(SqsClient sqs, String queueUrl, SqsConfig config, RecordMapper mapper) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.config = config;
        this.mapper = mapper;
    }

    /** Adds one message body to the batch: its records, or a dead letter with the body when it is not JSON. */
    static void collect(String body, Collector collector, Batch batch, RecordMapper mapper) {
        try {
            collector.add(SqsBodies.unwrap(body));
        } catch (RuntimeException notJson) {
            batch.deadLetter(mapper.deadLetter("eventbridge", body, notJson));
        }
    }

    @Override
    public boolean poll(PollContext context) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(config.getMaxMessages())
                .waitTimeSeconds((int) config.getWaitTime().toSeconds())).messages();
        if (messages.isEmpty() || !context.running()) {
            return false;
        }
        RecentIds recent = RecentIds.restore(context.cursor().getRecentIds(), config.getMaxRecentIds());
        Batch batch = new Batch();
        Collector collector = new Collector(mapper, "eventbridge", recent, batch, context.cursor().getPosition());
        for (Message message : messages) {
            collect(message.body(), collector, batch, mapper);
        }
        context.commit(batch.cursor(context.nextCursor(collector.maxTime(), recent, null)));
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (Message message : messages) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(message.messageId())
                    .receiptHandle(message.receiptHandle()).build());
        }
        sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        LOG.info("EventBridge queue {}: {} messages, published {} records ({} already published, {} to the DLQ)",
                context.source(), messages.size(), collector.added(), collector.skipped(), batch.deadLetters().size());
        return true;
    }
}
