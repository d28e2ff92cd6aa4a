package io.tripline.core.normalize;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.schema.v1.TrailEvent;
import io.tripline.schema.v1.TrailResource;
import io.tripline.schema.v1.UserIdentity;

/**
 * The one door for CloudTrail: a record in the shape CloudTrail writes to S3 (and embeds in
 * LookupEvents' {@code CloudTrailEvent} string and EventBridge's {@code detail}) becomes a
 * {@link TrailEvent}; request parameters and response elements stay JSON text.
 */
public final class CloudTrailNormalizer {

    private static final String SHAPE = "CloudTrail record";

    public TrailEvent normalize(JsonNode record) {
        if (record == null || !record.isObject()) {
            throw new NormalizationException(SHAPE + " must be a JSON object");
        }
        String eventId = Json.required(record, SHAPE, "eventID");
        JsonNode identity = record.path("userIdentity");
        return TrailEvent.newBuilder()
                .setEventId(eventId)
                .setEventTime(Json.requiredInstant(record, SHAPE, "eventTime"))
                .setEventSource(Json.required(record, SHAPE, "eventSource"))
                .setEventName(Json.required(record, SHAPE, "eventName"))
                .setAwsRegion(Json.required(record, SHAPE, "awsRegion"))
                .setRecipientAccountId(Json.text(record, "recipientAccountId"))
                .setUserIdentity(UserIdentity.newBuilder()
                        .setType(Json.text(identity, "type"))
                        .setArn(Json.text(identity, "arn"))
                        .setPrincipalId(Json.text(identity, "principalId"))
                        .setAccountId(Json.text(identity, "accountId"))
                        .setAccessKeyId(Json.text(identity, "accessKeyId"))
                        .setUserName(userName(identity))
                        .setSessionIssuerArn(Json.text(identity, "sessionContext", "sessionIssuer", "arn"))
                        .setSessionIssuerType(Json.text(identity, "sessionContext", "sessionIssuer", "type"))
                        .setMfaAuthenticated(Json.bool(identity, "sessionContext", "attributes", "mfaAuthenticated"))
                        .build())
                .setSourceIpAddress(Json.text(record, "sourceIPAddress"))
                .setUserAgent(Json.text(record, "userAgent"))
                .setErrorCode(Json.text(record, "errorCode"))
                .setErrorMessage(Json.text(record, "errorMessage"))
                .setReadOnly(Json.bool(record, "readOnly"))
                .setManagementEvent(Json.bool(record, "managementEvent"))
                .setEventType(Json.text(record, "eventType"))
                .setResources(resources(record.path("resources")))
                .setRequestParameters(jsonText(record.get("requestParameters")))
                .setResponseElements(jsonText(record.get("responseElements")))
                .setRaw(Json.write(record))
                .build();
    }

    /** IAM users carry userName; assumed roles only name the session issuer. */
    private static String userName(JsonNode identity) {
        String name = Json.text(identity, "userName");
        return name != null ? name : Json.text(identity, "sessionContext", "sessionIssuer", "userName");
    }

    private static List<TrailResource> resources(JsonNode resources) {
        List<TrailResource> out = new ArrayList<>();
        for (JsonNode resource : resources) {
            out.add(TrailResource.newBuilder()
                    .setArn(Json.text(resource, "ARN") != null ? Json.text(resource, "ARN") : Json.text(resource, "arn"))
                    .setType(Json.text(resource, "type"))
                    .setAccountId(Json.text(resource, "accountId"))
                    .build());
        }
        return out;
    }

    private static String jsonText(JsonNode node) {
        return node == null || node.isNull() ? null : Json.write(node);
    }
}
