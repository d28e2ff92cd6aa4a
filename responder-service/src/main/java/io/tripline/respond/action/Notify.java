package io.tripline.respond.action;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.respond.aws.AccountClients;
import io.tripline.respond.aws.AwsClients;
import io.tripline.respond.config.RespondConfig;
import io.tripline.respond.ledger.Ledger;
import io.tripline.respond.playbook.ActionTypes;
import io.tripline.schema.v1.RemediationAction;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes the incident notification to the configured SNS topic, with message attributes
 * (severity, account, incident id) for subscription filter policies.
 *
 * <p>Delivery is at most once: the executor records the action EXECUTING with a {@code sns.marker}
 * before publishing, and a notify found EXECUTING after a restart is treated as done rather than sent
 * again — SNS standard topics cannot deduplicate, and a missed message is visible in the ledger while
 * a duplicate page at 3 a.m. is not recoverable.
 */
@Singleton
public class Notify implements ActionHandler {

    public static final String MARKER = "sns.marker";
    private static final Logger LOG = LoggerFactory.getLogger(Notify.class);

    private final RespondConfig config;
    private final AwsClients clients;
    private final Provider<Ledger> ledger;

    public Notify(RespondConfig config, AwsClients clients, Provider<Ledger> ledger) {
        this.config = config;
        this.clients = clients;
        this.ledger = ledger;
    }

    @Override
    public String type() {
        return ActionTypes.NOTIFY;
    }

    @Override
    public void prepare(ActionContext ctx) {
        ctx.details().put(MARKER, "publishing");
    }

    @Override
    public void execute(ActionContext ctx) {
        RemediationAction a = ctx.action();
        Map<String, String> d = ctx.details();
        String body = "json".equals(config.getNotifyFormat())
                ? NotificationMessage.json(a, d, ledger.get().all(), config.getApproveUrl())
                : NotificationMessage.text(a, d, ledger.get().all(), config.getApproveUrl());
        String messageId = publish(NotificationMessage.subject(d), body, d.getOrDefault("incident.level", "UNKNOWN"),
                a.getAccountId(), a.getIncidentId());
        d.put(MARKER, "published");
        d.put("sns.message-id", messageId);
        LOG.info("Action {}: notification for incident {} published as {}", ctx.actionId(), a.getIncidentId(), messageId);
    }

    @Override
    public boolean verify(ActionContext ctx) {
        // SNS has no read-back of a published message: the message id is the evidence
        return ctx.details().containsKey("sns.message-id");
    }

    @Override
    public boolean alreadyDone(ActionContext ctx) {
        if (ctx.details().containsKey(MARKER)) {
            ctx.details().put("sns.delivery", "unknown after restart; not re-sent (at-most-once)");
            return true;
        }
        return false;
    }

    /** Tells people that an action failed; best effort, never fails the caller. */
    public void publishFailure(RemediationAction failed) {
        if (config.getSnsTopicArn() == null) {
            return;
        }
        try {
            String subject = "[Tripline] action failed: " + failed.getActionType() + " " + failed.getTarget();
            String body = "Remediation action " + failed.getActionId() + " (" + failed.getActionType() + " on "
                    + failed.getTarget() + ", incident " + failed.getIncidentId() + ") FAILED after " + failed.getAttempts()
                    + " attempt(s): " + failed.getReason() + "\nThe resource may be partly changed; check it and the ledger.";
            publish(subject.length() > NotificationMessage.MAX_SUBJECT ? subject.substring(0, NotificationMessage.MAX_SUBJECT) : subject,
                    body, "HIGH", failed.getAccountId() == null ? "" : failed.getAccountId().toString(), failed.getIncidentId().toString());
        } catch (RuntimeException e) {
            LOG.warn("Action {}: failure notification could not be published: {}", failed.getActionId(), e.toString());
        }
    }

    private String publish(String subject, String body, String severity, CharSequence account, CharSequence incidentId) {
        String topic = config.getSnsTopicArn();
        if (topic == null) {
            throw new IllegalStateException("tripline.respond.sns-topic-arn is not configured");
        }
        // arn:aws:sns:REGION:ACCOUNT:NAME — publish with the topic's own account and region
        String[] arn = topic.split(":");
        AccountClients aws = clients.forAccount(arn[4], arn[3]);
        return aws.sns().publish(r -> r.topicArn(topic).subject(subject).message(body).messageAttributes(Map.of(
                "severity", attribute(severity),
                "account", attribute(account == null ? "unknown" : account.toString()),
                "incident_id", attribute(incidentId.toString())))).messageId();
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value.isEmpty() ? "unknown" : value).build();
    }
}
