package io.tripline.respond.engine;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.respond.config.KafkaConfig;
import io.tripline.respond.config.RespondConfig;
import io.tripline.respond.playbook.Playbooks;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/**
 * Runs the responder: recovers actions a crash left EXECUTING (before consuming anything), then starts
 * the incident consumer and the approval-expiry timer. Started explicitly by the application's main
 * (and by tests), so the CLI subcommands can use the same context without acting.
 */
@Singleton
public class ResponderService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResponderService.class);

    private final ActionExecutor executor;
    private final Approvals approvals;
    private final Responder responder;
    private final EvidenceIndex index;
    private final KafkaConfig kafka;
    private final RespondConfig config;
    private final Playbooks playbooks;
    private final Clock clock;
    private IncidentConsumer consumer;
    private Thread thread;
    private ScheduledExecutorService timer;

    public ResponderService(ActionExecutor executor, Approvals approvals, Responder responder, EvidenceIndex index,
                            KafkaConfig kafka, RespondConfig config, Playbooks playbooks, Clock clock) {
        this.executor = executor;
        this.approvals = approvals;
        this.responder = responder;
        this.index = index;
        this.kafka = kafka;
        this.config = config;
        this.playbooks = playbooks;
        this.clock = clock;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        LOG.info("Responder starting: mode {}, {} playbooks, topic prefix '{}'", config.getMode(), playbooks.all().size(),
                config.getTopicPrefix());
        executor.recover();
        consumer = new IncidentConsumer(KafkaSupport.clientConfig(kafka), KafkaSupport.serdeConfig(kafka),
                kafka.getGroupId(), config.getTopicPrefix(), responder, index, clock);
        thread = new Thread(consumer, "responder-incidents");
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("Incident consumer stopped: {}", e.toString()));
        thread.start();
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "responder-expiry"));
        long every = config.getExpiryCheckInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                approvals.expireDue();
            } catch (RuntimeException e) {
                LOG.warn("Approval expiry check failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** True while the incident consumer thread is alive. */
    public boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }
}
