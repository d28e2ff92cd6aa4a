package io.tripline.respond;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tripline.core.topic.Topics;
import io.tripline.respond.action.SimulatedAws;
import io.tripline.respond.engine.ResponderService;
import io.tripline.respond.ledger.Ledger;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.RemediationAction;
import io.tripline.simulator.AwsSimulator;
import io.tripline.stack.testing.SharedStack;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole responder for an integration test: Micronaut context with the HTTP server on a free port,
 * the shared broker and registry under a per-test topic prefix, AWS = the simulator, notifications to
 * an SNS topic with an SQS subscriber the test reads.
 */
public final class ResponderHarness implements AutoCloseable {

    public static final String TOKEN = "it-token-0123456789abcdef";

    public final String prefix = SharedStack.uniqueName("resp") + ".";
    public final String transactionalId = SharedStack.uniqueName("resp-tx");
    public final String groupId = SharedStack.uniqueName("resp-group");
    public final AwsSimulator sim;
    public final String topicArn;
    public final String queueUrl;
    private final SqsClient sqs;
    private final Map<String, Object> overrides = new HashMap<>();
    private ApplicationContext context;

    public ResponderHarness(AwsSimulator sim) {
        this.sim = sim;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(SimulatedAws.SSH_ACCOUNT, "simulated"));
        try (SnsClient sns = SnsClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder()).build()) {
            sqs = SqsClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                    .httpClientBuilder(ApacheHttpClient.builder()).build();
            String name = prefix.replace(".", "");
            topicArn = sns.createTopic(r -> r.name(name)).topicArn();
            queueUrl = sqs.createQueue(r -> r.queueName(name)).queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        }
    }

    public ResponderHarness with(String key, Object value) {
        overrides.put(key, value);
        return this;
    }

    public Map<String, Object> properties() {
        SharedStack stack = SharedStack.get();
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("tripline.respond.mode", "auto");
        p.put("tripline.respond.playbooks", List.of("classpath:test-playbooks"));
        p.put("tripline.respond.topic-prefix", prefix);
        p.put("tripline.respond.sns-topic-arn", topicArn);
        p.put("tripline.respond.expiry-check-interval", "200ms");
        p.put("tripline.respond.retry-backoff", "50ms");
        p.put("tripline.respond.api.token", TOKEN);
        p.put("tripline.respond.aws.endpoint-override", sim.endpoint().toString());
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (String id : List.of(SimulatedAws.SSH_ACCOUNT, SimulatedAws.USER_ACCOUNT, SimulatedAws.DATA_ACCOUNT)) {
            accounts.add(Map.of("id", id, "access-key-id", id, "secret-access-key", "simulated"));
        }
        p.put("tripline.respond.accounts", accounts);
        p.put("tripline.respond.kafka.bootstrap-servers", stack.bootstrapServers());
        p.put("tripline.respond.kafka.schema-registry-url", stack.registryUrl());
        p.put("tripline.respond.kafka.group-id", groupId);
        p.put("tripline.respond.kafka.transactional-id", transactionalId);
        p.putAll(overrides);
        return p;
    }

    /** The harness's settings as a config file for {@code ResponderApplication --config}. */
    public java.nio.file.Path writeConfig() throws java.io.IOException {
        Map<String, Object> p = new HashMap<>(properties());
        p.remove("micronaut.server.port");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("responder", ".yml");
        new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValue(file.toFile(), p);
        return file;
    }

    /** Starts the service (HTTP server + consumer); {@code singletons} replace beans such as the effect hook or clock. */
    public ResponderHarness start(Object... singletons) {
        context = ApplicationContext.builder().properties(properties()).singletons(singletons).start();
        context.getBean(EmbeddedServer.class).start();
        context.getBean(ResponderService.class).start();
        return this;
    }

    /** Stops it the way a crash would leave things: no graceful completion of anything in flight. */
    public void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    public String baseUrl() {
        return context.getBean(EmbeddedServer.class).getURL().toString();
    }

    public Ledger ledger() {
        return context.getBean(Ledger.class);
    }

    /** A bean of the running service (the router, the embedded server...). */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public boolean serviceRunning() {
        return context != null && context.getBean(ResponderService.class).isRunning();
    }

    public void produce(Incident incident, boolean replayHeader) {
        SharedStack stack = SharedStack.get();
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        try (KafkaProducer<String, Incident> producer = new KafkaProducer<>(config,
                Topics.INCIDENTS.keySerde(stack.serdeConfig()).serializer(),
                Topics.INCIDENTS.valueSerde(stack.serdeConfig()).serializer())) {
            RecordHeaders headers = new RecordHeaders();
            if (replayHeader) {
                headers.add("tripline.replay", "investigation-1".getBytes());
            }
            producer.send(new ProducerRecord<>(prefix + Topics.INCIDENTS.name(), null, incident.getIncidentId(), incident, headers));
            producer.flush();
        }
    }

    /** Polls the ledger until an action matches, or fails after a generous deadline. */
    public RemediationAction awaitAction(Predicate<RemediationAction> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<RemediationAction> found = ledger().all().stream().filter(condition).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; ledger: " + ledger().all());
    }

    /** All SQS messages received within {@code wait} (SNS envelopes). */
    public List<Message> receive(Duration wait) {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10))
                    .messages();
            out.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        }
        return out;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
        sqs.close();
    }
}
