package io.tripline.simulator.server;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SigV4 credential scope of a request: access key, date, region and signing name, read from the
 * {@code Authorization} header or from presigned query parameters ({@code X-Amz-Credential}).
 * Signatures are deliberately not verified: the simulator trusts any key, as LocalStack does.
 *
 * @param accessKeyId the key id before the first slash
 * @param date        yyyyMMdd
 * @param region      e.g. us-east-1
 * @param service     the signing name, e.g. guardduty
 */
public record SigV4Scope(String accessKeyId, String date, String region, String service) {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^,\\s]+)");

    /** What the request carried: a usable scope, nothing at all, or something malformed. */
    public enum Presence { VALID, MISSING, MALFORMED }

    /** Parses the scope, or returns null when the request has none or it is malformed (see {@link #presence}). */
    public static SigV4Scope parse(String authorization, Map<String, String> query) {
        if (authorization != null) {
            if (!authorization.startsWith("AWS4-HMAC-SHA256")) {
                return null;
            }
            Matcher m = CREDENTIAL.matcher(authorization);
            return m.find() ? fromCredential(m.group(1)) : null;
        }
        String credential = query.get("X-Amz-Credential");
        return credential == null ? null : fromCredential(credential);
    }

    /** Whether the request carried SigV4 authentication at all. */
    public static Presence presence(String authorization, Map<String, String> query) {
        if (authorization == null && !query.containsKey("X-Amz-Credential")) {
            return Presence.MISSING;
        }
        return parse(authorization, query) == null ? Presence.MALFORMED : Presence.VALID;
    }

    private static SigV4Scope fromCredential(String credential) {
        String[] parts = credential.split("/");
        if (parts.length != 5 || !"aws4_request".equals(parts[4]) || parts[0].isEmpty()) {
            return null;
        }
        return new SigV4Scope(parts[0], parts[1], parts[2], parts[3]);
    }
}
