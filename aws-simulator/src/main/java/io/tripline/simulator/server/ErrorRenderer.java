package io.tripline.simulator.server;

import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.Protocol;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.SimResponse;
import java.util.Map;

/**
 * Renders an {@link AwsError} in the error shape of each wire protocol, exactly as the SDK v2 error
 * unmarshallers read it, so clients raise the service's typed exception (e.g.
 * {@code InvalidLookupAttributesException}) rather than a generic one.
 */
public final class ErrorRenderer {

    /** JSON-protocol shape namespaces the real services put before '#' in {@code __type}. */
    private static final Map<String, String> JSON_NAMESPACES = Map.of(
            "cloudtrail", "com.amazonaws.cloudtrail.v20131101#",
            "sqs", "com.amazonaws.sqs#");

    /** SQS JSON errors also carry the legacy Query code in x-amzn-query-error; JSON code → legacy code. */
    private static final Map<String, String> SQS_LEGACY_CODES = Map.of(
            "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
            "QueueNameExists", "QueueAlreadyExists",
            "ThrottlingException", "RequestThrottled",
            "PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress",
            "ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid",
            "UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation",
            "InvalidAddress", "InvalidAddress",
            "QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently");

    private ErrorRenderer() {
    }

    public static SimResponse render(AwsError error, String signingName, Protocol protocol, String requestId) {
        String code = error.code();
        String message = error.getMessage() == null ? "" : error.getMessage();
        String type = error.senderFault() ? "Sender" : "Receiver";
        return switch (protocol) {
            case REST_JSON -> SimResponse.json(error.status(), json(code, message), "application/json")
                    .withHeader("X-Amzn-ErrorType", code);
            case JSON_1_1 -> SimResponse.json(error.status(), json(namespaced(signingName, code), message),
                    "application/x-amz-json-1.1");
            case JSON_1_0 -> {
                String jsonCode = sqsJsonCode(signingName, code);
                SimResponse response = SimResponse.json(error.status(),
                        json(namespaced(signingName, jsonCode), message), "application/x-amz-json-1.0");
                if ("sqs".equals(signingName)) {
                    response = response.withHeader("x-amzn-query-error",
                            SQS_LEGACY_CODES.getOrDefault(jsonCode, jsonCode) + ";" + type);
                }
                yield response;
            }
            case QUERY_XML -> SimResponse.xml(error.status(), "<ErrorResponse xmlns=\"" + queryNamespace(signingName)
                    + "\"><Error><Type>" + type + "</Type><Code>" + xml(code) + "</Code><Message>" + xml(message)
                    + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>");
            case EC2_QUERY -> SimResponse.xml(error.status(), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>"
                    + xml(code) + "</Code><Message>" + xml(message) + "</Message></Error></Errors><RequestID>"
                    + requestId + "</RequestID></Response>");
            case REST_XML -> new SimResponse(error.status(), Map.of("Content-Type", "application/xml"),
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + xml(code) + "</Code><Message>"
                            + xml(message) + "</Message><RequestId>" + requestId + "</RequestId></Error>")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        };
    }

    /** The protocol's answer to an operation the service does not implement. */
    public static AwsError unknownOperation(Protocol protocol, String detail) {
        return switch (protocol) {
            case REST_JSON -> new AwsError(404, "UnknownOperationException", "Unknown operation " + detail);
            case JSON_1_0, JSON_1_1 -> new AwsError(400, "UnknownOperationException", "Unknown operation " + detail);
            case QUERY_XML, EC2_QUERY -> new AwsError(400, "InvalidAction",
                    "The action " + detail + " is not valid for this web service.");
            case REST_XML -> new AwsError(405, "MethodNotAllowed",
                    "The specified method is not allowed against this resource: " + detail);
        };
    }

    /** The protocol's answer to a request that carries no SigV4 authentication. */
    public static AwsError missingAuthentication(Protocol protocol) {
        return switch (protocol) {
            case REST_JSON -> new AwsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
            case JSON_1_0, JSON_1_1 -> new AwsError(400, "MissingAuthenticationTokenException",
                    "Request is missing Authentication Token");
            case QUERY_XML, EC2_QUERY -> new AwsError(403, "MissingAuthenticationToken",
                    "Request is missing Authentication Token");
            case REST_XML -> new AwsError(403, "AccessDenied", "Access Denied");
        };
    }

    /** The protocol's answer to an Authorization header that is not a complete SigV4 one. */
    public static AwsError incompleteSignature(Protocol protocol) {
        String message = "Authorization header requires 'Credential' parameter. Authorization header requires"
                + " 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.";
        return switch (protocol) {
            case REST_JSON, JSON_1_0, JSON_1_1 -> new AwsError(403, "IncompleteSignatureException", message);
            case QUERY_XML, EC2_QUERY -> new AwsError(403, "IncompleteSignature", message);
            case REST_XML -> new AwsError(400, "AuthorizationHeaderMalformed", message);
        };
    }

    private static String sqsJsonCode(String signingName, String code) {
        if (!"sqs".equals(signingName)) {
            return code;
        }
        // A service written against the Query-era code still renders the JSON-era one.
        for (Map.Entry<String, String> e : SQS_LEGACY_CODES.entrySet()) {
            if (e.getValue().equals(code) && !e.getKey().equals(code)) {
                return e.getKey();
            }
        }
        return code;
    }

    private static String namespaced(String signingName, String code) {
        String ns = JSON_NAMESPACES.get(signingName);
        return ns == null || code.contains("#") ? code : ns + code;
    }

    private static String queryNamespace(String signingName) {
        return switch (signingName == null ? "" : signingName) {
            case "iam" -> "https://iam.amazonaws.com/doc/2010-05-08/";
            case "sns" -> "http://sns.amazonaws.com/doc/2010-03-31/";
            default -> "https://sts.amazonaws.com/doc/2011-06-15/";
        };
    }

    private static String json(String type, String message) {
        return SimJson.write(SimJson.object().put("__type", type).put("message", message));
    }

    /** Escapes text for XML element content. */
    public static String xml(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }
}
