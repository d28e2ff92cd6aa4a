package io.tripline.simulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripline.simulator.core.Account;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.AwsService;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.Protocol;
import io.tripline.simulator.core.Seedable;
import io.tripline.simulator.core.SimRequest;
import io.tripline.simulator.core.SimResponse;
import io.tripline.simulator.core.World;
import io.tripline.simulator.ec2.QueryParams;
import java.time.Instant;

/**
 * Simulated AWS IAM (Query protocol, global endpoint signed for us-east-1): users, access keys,
 * managed-policy attachments, roles and inline role policies. One {@link IamState} per account.
 */
public final class IamService implements AwsService, Seedable {

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY_XML;
    }

    @Override
    public String operationName(SimRequest request) {
        return request.formParams().get("Action");
    }

    /** The IAM state of an account. */
    public static IamState state(Account account) {
        return account.global(IamState.class, () -> new IamState(account.id()));
    }

    @Override
    public SimResponse handle(SimRequest request, CallContext context) {
        QueryParams p = new QueryParams(request.formParams());
        String action = p.get("Action") == null ? "" : p.get("Action");
        IamState s = state(context.account());
        String requestId = context.world().ids().uuid();
        IamUsers users = new IamUsers(p, s, context, requestId);
        IamRoles roles = new IamRoles(p, s, context, requestId);
        String xml;
        synchronized (s) {
            xml = switch (action) {
                case "CreateUser" -> users.createUser();
                case "GetUser" -> users.getUser();
                case "ListUsers" -> users.listUsers();
                case "ListAccessKeys" -> users.listAccessKeys();
                case "CreateAccessKey" -> users.createAccessKey();
                case "UpdateAccessKey" -> users.updateAccessKey();
                case "DeleteAccessKey" -> users.deleteAccessKey();
                case "AttachUserPolicy" -> users.attachUserPolicy(true);
                case "DetachUserPolicy" -> users.attachUserPolicy(false);
                case "ListAttachedUserPolicies" -> users.listAttachedUserPolicies();
                case "GetRole" -> roles.getRole();
                case "ListRoles" -> roles.listRoles();
                case "PutRolePolicy" -> roles.putRolePolicy();
                case "GetRolePolicy" -> roles.getRolePolicy();
                case "DeleteRolePolicy" -> roles.deleteRolePolicy();
                case "ListRolePolicies" -> roles.listRolePolicies();
                default -> throw AwsError.badRequest("InvalidAction", "The action " + action + " is not valid for this web service.");
            };
        }
        return SimResponse.xml(200, xml);
    }

    @Override
    public void seed(World world, Account account, String region, JsonNode spec) {
        IamState s = state(account);
        Instant now = world.clock().now();
        synchronized (s) {
            for (JsonNode node : spec.path("users")) {
                String name = node.path("userName").asText();
                IamState.User user = s.users.containsKey(name) ? s.users.get(name)
                        : IamUsers.newUser(s, world, name, node.path("path").asText("/"), now);
                user.mfa = node.path("mfa").asBoolean(false);
                node.path("tags").fields().forEachRemaining(e -> user.tags.put(e.getKey(), e.getValue().asText()));
                node.path("attachedPolicies").forEach(a -> user.attachedPolicies.add(a.asText()));
                for (JsonNode key : node.path("accessKeys")) {
                    IamUsers.addKey(s, world, user, text(key, "accessKeyId"), text(key, "secretAccessKey"),
                            text(key, "status"), now);
                }
            }
            for (JsonNode node : spec.path("roles")) {
                IamState.Role role = new IamState.Role();
                role.roleName = node.path("roleName").asText();
                role.path = node.path("path").asText("/");
                role.roleId = world.ids().accessKeyId("AROA");
                role.arn = "arn:aws:iam::" + account.id() + ":role" + role.path + role.roleName;
                role.createDate = now;
                JsonNode trust = node.path("assumeRolePolicyDocument");
                role.assumeRolePolicyDocument = trust.isTextual() ? trust.asText()
                        : trust.isObject() ? trust.toString() : defaultTrust();
                node.path("tags").fields().forEachRemaining(e -> role.tags.put(e.getKey(), e.getValue().asText()));
                node.path("attachedPolicies").forEach(a -> role.attachedPolicies.add(a.asText()));
                node.path("inlinePolicies").fields().forEachRemaining(e -> role.inlinePolicies.put(e.getKey(),
                        e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
                s.roles.put(role.roleName, role);
            }
        }
    }

    private static String defaultTrust() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
