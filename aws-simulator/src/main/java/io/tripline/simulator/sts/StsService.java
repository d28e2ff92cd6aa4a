package io.tripline.simulator.sts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.AwsService;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.Caller;
import io.tripline.simulator.core.Protocol;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.SimRequest;
import io.tripline.simulator.core.SimResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS on the Query protocol: AssumeRole mints temporary {@code ASIA...} credentials and registers them
 * so later calls with them act as {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION} in the role's
 * account; GetCallerIdentity answers who the caller is. Trust policies are not evaluated.
 */
public final class StsService implements AwsService {

    private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Set<String> OPERATIONS = Set.of("AssumeRole", "GetCallerIdentity");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:.*/)?([\\w+=,.@-]{1,64})");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY_XML;
    }

    @Override
    public String operationName(SimRequest request) {
        String action = request.formParams().get("Action");
        return OPERATIONS.contains(action) ? action : null;
    }

    @Override
    public SimResponse handle(SimRequest request, CallContext context) {
        Map<String, String> params = request.formParams();
        return switch (params.get("Action")) {
            case "AssumeRole" -> assumeRole(params, context);
            case "GetCallerIdentity" -> getCallerIdentity(context.caller(), context);
            default -> throw new IllegalStateException("unreachable: operationName filters actions");
        };
    }

    private SimResponse assumeRole(Map<String, String> params, CallContext context) {
        String roleArn = params.get("RoleArn");
        String sessionName = params.get("RoleSessionName");
        if (roleArn == null || sessionName == null) {
            throw AwsError.badRequest("MissingParameter", "The request must contain the parameter "
                    + (roleArn == null ? "RoleArn" : "RoleSessionName"));
        }
        Matcher m = ROLE_ARN.matcher(roleArn);
        if (!m.matches()) {
            throw AwsError.badRequest("ValidationError", roleArn + " is invalid");
        }
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw AwsError.badRequest("ValidationError", "1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint");
        }
        int duration = params.containsKey("DurationSeconds") ? Integer.parseInt(params.get("DurationSeconds")) : 3600;
        if (duration < 900 || duration > 43200) {
            throw AwsError.badRequest("ValidationError", "1 validation error detected: Value '" + duration
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200");
        }
        String roleAccount = m.group(1);
        String roleName = m.group(2);
        String roleId = roleId(roleArn);
        String assumedArn = "arn:aws:sts::" + roleAccount + ":assumed-role/" + roleName + "/" + sessionName;
        var ids = context.world().ids();
        String accessKeyId = ids.accessKeyId("ASIA");
        String secret = ids.secret();
        String token = ids.token(356);
        Instant expiration = context.clock().now().plusSeconds(duration);
        context.world().registerCredentials(accessKeyId, new Caller("AssumedRole", assumedArn,
                roleId + ":" + sessionName, roleAccount, accessKeyId, null, roleArn));

        ObjectNode req = SimJson.object().put("roleArn", roleArn).put("roleSessionName", sessionName)
                .put("durationSeconds", duration);
        ObjectNode resp = SimJson.object();
        resp.putObject("credentials").put("accessKeyId", accessKeyId).put("sessionToken", "HIDDEN_DUE_TO_SECURITY_REASONS")
                .put("expiration", expiration.toString());
        resp.putObject("assumedRoleUser").put("assumedRoleId", roleId + ":" + sessionName).put("arn", assumedArn);
        context.recordEvent("sts.amazonaws.com", "AssumeRole", req, resp);

        return xml("AssumeRole", "<Credentials><AccessKeyId>" + accessKeyId + "</AccessKeyId><SecretAccessKey>" + secret
                + "</SecretAccessKey><SessionToken>" + token + "</SessionToken><Expiration>" + SimJson.isoSeconds(expiration)
                + "</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>" + roleId + ":" + esc(sessionName)
                + "</AssumedRoleId><Arn>" + esc(assumedArn) + "</Arn></AssumedRoleUser><PackedPolicySize>6</PackedPolicySize>",
                context);
    }

    private SimResponse getCallerIdentity(Caller caller, CallContext context) {
        String userId = caller.principalId() == null ? caller.accountId() : caller.principalId();
        return xml("GetCallerIdentity", "<Arn>" + esc(caller.arn()) + "</Arn><UserId>" + esc(userId)
                + "</UserId><Account>" + caller.accountId() + "</Account>", context);
    }

    private static SimResponse xml(String action, String result, CallContext context) {
        return SimResponse.xml(200, "<" + action + "Response xmlns=\"" + NS + "\"><" + action + "Result>" + result + "</"
                + action + "Result><ResponseMetadata><RequestId>" + context.world().ids().uuid()
                + "</RequestId></ResponseMetadata></" + action + "Response>");
    }

    /** A stable AROA... id per role ARN, so every session of a role shows the same role id. */
    static String roleId(String roleArn) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(roleArn.getBytes(StandardCharsets.UTF_8));
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            StringBuilder id = new StringBuilder("AROA");
            for (int i = 0; i < 17; i++) {
                id.append(alphabet.charAt((hash[i] & 0xff) % alphabet.length()));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
