package io.tripline.enrich.detect;

import java.util.List;

import io.tripline.enrich.sigma.RuleSet;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.schema.v1.UserIdentity;

/**
 * What the rules may read of a CloudTrail record without parsing its raw JSON: the typed Avro fields the
 * normalizer copied verbatim from that JSON (its text of a field at the same path), under their Sigma
 * names. Rules that read only these are evaluated on them ({@link RuleSet#match(RuleSet.KnownFields, String[],
 * java.util.function.Supplier)}), so most read-only calls are never parsed.
 *
 * <p>A typed field is known only when its text shows the JSON held that same string: not when it is empty
 * (the JSON may hold an empty string, an array, null, or nothing), and not when it reads as a JSON number or
 * boolean (the normalizer keeps the text of those, and Sigma compares numbers by value). One difference is
 * left: a record carrying both a nested field and a flattened copy under a dotted key
 * ({@code "userIdentity.arn"}), which Sigma field paths prefer; CloudTrail writes no dotted keys.
 */
final class KnownFields {

    /** The Sigma names of the fields {@link #of} fills, in its order. */
    static final List<String> NAMES = List.of("eventID", "eventSource", "eventName", "awsRegion", "recipientAccountId",
            "sourceIPAddress", "userAgent", "errorCode", "errorMessage", "eventType", "userIdentity.type",
            "userIdentity.arn", "userIdentity.principalId", "userIdentity.accountId", "userIdentity.accessKeyId",
            "userIdentity.sessionContext.sessionIssuer.type");

    private KnownFields() {
    }

    /** The known values of {@code event}'s fields, aligned with {@link #NAMES}; null where not known. */
    static String[] of(TrailEvent event) {
        UserIdentity identity = event.getUserIdentity();
        boolean caller = identity != null;
        return new String[] {
            known(event.getEventId()), known(event.getEventSource()), known(event.getEventName()),
            known(event.getAwsRegion()), known(event.getRecipientAccountId()), known(event.getSourceIpAddress()),
            known(event.getUserAgent()), known(event.getErrorCode()), known(event.getErrorMessage()),
            known(event.getEventType()),
            caller ? known(identity.getType()) : null, caller ? known(identity.getArn()) : null,
            caller ? known(identity.getPrincipalId()) : null, caller ? known(identity.getAccountId()) : null,
            caller ? known(identity.getAccessKeyId()) : null, caller ? known(identity.getSessionIssuerType()) : null,
        };
    }

    private static String known(String text) {
        return text == null || text.isEmpty() || scalarLiteral(text) ? null : text;
    }

    /** Whether the text is how a JSON number or boolean reads (then the JSON may have held one). */
    static boolean scalarLiteral(String text) {
        if (text.equals("true") || text.equals("false")) {
            return true;
        }
        int n = text.length();
        int i = text.charAt(0) == '-' ? 1 : 0;
        int end = digits(text, i);
        if (end == i) {
            return false;
        }
        i = end;
        if (i < n && text.charAt(i) == '.') {
            end = digits(text, ++i);
            if (end == i) {
                return false;
            }
            i = end;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            end = digits(text, i);
            if (end == i) {
                return false;
            }
            i = end;
        }
        return i == n;
    }

    /** Where the run of ASCII digits starting at {@code from} ends. */
    private static int digits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
