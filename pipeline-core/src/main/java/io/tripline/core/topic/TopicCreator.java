package io.tripline.core.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics as declared, idempotently: topics that already exist are left alone, so running it on
 * every service start (or from several services at once) is safe.
 */
public final class TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    private final Admin admin;
    private final short replicationFactor;

    public TopicCreator(Admin admin, short replicationFactor) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
    }

    /** Creates the missing topics among {@code topics}; returns the names it created. */
    public List<String> ensure(Collection<Topic<?, ?>> topics) {
        return ensure(topics, null);
    }

    /**
     * Same as {@link #ensure(Collection)} with every topic name prefixed (for tests that need their own
     * copy of the pipeline on a shared broker); null or empty prefix means the declared names.
     */
    public List<String> ensure(Collection<Topic<?, ?>> topics, String prefix) {
        String p = prefix == null ? "" : prefix;
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                String name = p + topic.name();
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, topic.partitions(), replicationFactor).configs(topic.configs()));
                }
            }
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result
                    : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                    created.add(result.getKey());
                    LOG.info("Created topic {}", result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // another process created it between our list and create: that is the idempotent outcome
                }
            }
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not create topics: broker did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
