package io.tripline.simulator.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.Caller;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.World;
import io.tripline.simulator.ec2.QueryParams;
import io.tripline.simulator.ec2.XmlWriter;
import java.time.Instant;
import java.util.List;

/**
 * IAM user, access-key and managed-policy-attachment operations: what a responder uses to disable a
 * leaked key (UpdateAccessKey Inactive) or fence a user (AttachUserPolicy with a deny policy).
 */
final class IamUsers {

    private static final String SOURCE = "iam.amazonaws.com";
    private static final int MAX_KEYS = 2;

    private final QueryParams p;
    private final IamState s;
    private final CallContext ctx;
    private final String requestId;

    IamUsers(QueryParams p, IamState s, CallContext ctx, String requestId) {
        this.p = p;
        this.s = s;
        this.ctx = ctx;
        this.requestId = requestId;
    }

    /** UserName, or the calling user's own name when omitted (as IAM does for self-service calls). */
    private String userName() {
        String name = p.get("UserName");
        return name != null ? name : ctx.caller().userName();
    }

    static IamState.User newUser(IamState s, World world, String name, String path, Instant now) {
        IamState.User user = new IamState.User();
        user.userName = name;
        user.userId = world.ids().accessKeyId("AIDA");
        user.path = path == null ? "/" : path;
        user.arn = "arn:aws:iam::" + s.accountId + ":user" + user.path + name;
        user.createDate = now;
        s.users.put(name, user);
        return user;
    }

    /** Adds a key and registers it so calls signed with it are attributed to the user. */
    static IamState.AccessKey addKey(IamState s, World world, IamState.User user, String id, String secret,
                                     String status, Instant now) {
        IamState.AccessKey key = new IamState.AccessKey();
        key.accessKeyId = id == null ? world.ids().accessKeyId("AKIA") : id;
        key.secretAccessKey = secret == null ? world.ids().secret() : secret;
        key.status = status == null ? "Active" : status;
        key.createDate = now;
        user.accessKeys.add(key);
        world.registerCredentials(key.accessKeyId, new Caller("IAMUser", user.arn, user.userId, s.accountId,
                key.accessKeyId, user.userName, null));
        return key;
    }

    String createUser() {
        String name = p.require("UserName");
        if (s.users.containsKey(name)) {
            throw new AwsError(409, "EntityAlreadyExists", "User with name " + name + " already exists.");
        }
        IamState.User user = newUser(s, ctx.world(), name, p.get("Path"), ctx.clock().now());
        user.tags.putAll(p.entries("Tags.member", "Key", "Value"));
        ctx.recordEvent(SOURCE, "CreateUser", SimJson.object().put("userName", name),
                SimJson.object().set("user", SimJson.object().put("userName", name).put("userId", user.userId)
                        .put("arn", user.arn)));
        XmlWriter xml = IamXml.response("CreateUser");
        IamXml.user(xml, "User", user, true);
        return xml.finishQuery(requestId);
    }

    String getUser() {
        String name = userName();
        XmlWriter xml = IamXml.response("GetUser");
        if (name == null) {
            // The account root calling GetUser on itself.
            xml.start("User").leaf("UserId", s.accountId).leaf("Arn", "arn:aws:iam::" + s.accountId + ":root")
                    .leaf("CreateDate", IamXml.time(Instant.EPOCH)).end();
        } else {
            IamXml.user(xml, "User", s.user(name), true);
        }
        return xml.finishQuery(requestId);
    }

    String listUsers() {
        String prefix = p.get("PathPrefix") == null ? "/" : p.get("PathPrefix");
        List<IamState.User> all = s.users.values().stream().filter(u -> u.path.startsWith(prefix)).toList();
        IamXml.Page<IamState.User> page = IamXml.page(all, p.get("Marker"), p.get("MaxItems"));
        XmlWriter xml = IamXml.response("ListUsers").start("Users");
        page.items().forEach(u -> IamXml.user(xml, "member", u, false));
        xml.end();
        page.finish(xml);
        return xml.finishQuery(requestId);
    }

    String listAccessKeys() {
        String name = userName();
        List<IamState.AccessKey> keys = name == null ? List.of() : s.user(name).accessKeys;
        XmlWriter xml = IamXml.response("ListAccessKeys").start("AccessKeyMetadata");
        keys.forEach(k -> xml.start("member").leaf("UserName", name).leaf("AccessKeyId", k.accessKeyId)
                .leaf("Status", k.status).leaf("CreateDate", IamXml.time(k.createDate)).end());
        return xml.end().leaf("IsTruncated", false).finishQuery(requestId);
    }

    String createAccessKey() {
        IamState.User user = s.user(userName());
        if (user.accessKeys.size() >= MAX_KEYS) {
            throw new AwsError(409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS);
        }
        IamState.AccessKey key = addKey(s, ctx.world(), user, null, null, "Active", ctx.clock().now());
        ObjectNode response = SimJson.object();
        response.putObject("accessKey").put("userName", user.userName).put("accessKeyId", key.accessKeyId)
                .put("status", key.status).put("createDate", IamXml.time(key.createDate));
        ctx.recordEvent(SOURCE, "CreateAccessKey", SimJson.object().put("userName", user.userName), response);
        return IamXml.response("CreateAccessKey").start("AccessKey").leaf("UserName", user.userName)
                .leaf("AccessKeyId", key.accessKeyId).leaf("Status", key.status)
                .leaf("SecretAccessKey", key.secretAccessKey).leaf("CreateDate", IamXml.time(key.createDate))
                .finishQuery(requestId);
    }

    String updateAccessKey() {
        String keyId = p.require("AccessKeyId");
        String status = p.require("Status");
        if (!status.equals("Active") && !status.equals("Inactive")) {
            throw AwsError.badRequest("ValidationError", "1 validation error detected: Value '" + status
                    + "' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
        }
        IamState.User user = s.user(userName());
        IamState.AccessKey key = user.accessKeys.stream().filter(k -> k.accessKeyId.equals(keyId)).findFirst()
                .orElseThrow(() -> AwsError.notFound("NoSuchEntity", "The Access Key with id " + keyId + " cannot be found."));
        key.status = status;
        ctx.recordEvent(SOURCE, "UpdateAccessKey", SimJson.object().put("userName", user.userName)
                .put("accessKeyId", keyId).put("status", status), null);
        return IamXml.response("UpdateAccessKey").finishQuery(requestId);
    }

    String deleteAccessKey() {
        String keyId = p.require("AccessKeyId");
        IamState.User user = s.user(userName());
        if (!user.accessKeys.removeIf(k -> k.accessKeyId.equals(keyId))) {
            throw AwsError.notFound("NoSuchEntity", "The Access Key with id " + keyId + " cannot be found.");
        }
        ctx.world().forgetCredentials(keyId);
        ctx.recordEvent(SOURCE, "DeleteAccessKey", SimJson.object().put("userName", user.userName)
                .put("accessKeyId", keyId), null);
        return IamXml.response("DeleteAccessKey").finishQuery(requestId);
    }

    String attachUserPolicy(boolean attach) {
        IamState.User user = s.user(p.require("UserName"));
        String policyArn = p.require("PolicyArn");
        if (!policyArn.startsWith("arn:aws:iam::")) {
            throw AwsError.badRequest("InvalidInput", "ARN " + policyArn + " is not valid.");
        }
        String action = attach ? "AttachUserPolicy" : "DetachUserPolicy";
        if (attach) {
            if (!user.attachedPolicies.contains(policyArn)) {
                user.attachedPolicies.add(policyArn);
            }
        } else if (!user.attachedPolicies.remove(policyArn)) {
            throw AwsError.notFound("NoSuchEntity", "Policy " + policyArn + " was not found.");
        }
        ctx.recordEvent(SOURCE, action, SimJson.object().put("userName", user.userName).put("policyArn", policyArn), null);
        return IamXml.response(action).finishQuery(requestId);
    }

    String listAttachedUserPolicies() {
        IamState.User user = s.user(p.require("UserName"));
        IamXml.Page<String> page = IamXml.page(List.copyOf(user.attachedPolicies), p.get("Marker"), p.get("MaxItems"));
        XmlWriter xml = IamXml.response("ListAttachedUserPolicies").start("AttachedPolicies");
        page.items().forEach(arn -> xml.start("member").leaf("PolicyName", arn.substring(arn.lastIndexOf('/') + 1))
                .leaf("PolicyArn", arn).end());
        xml.end();
        page.finish(xml);
        return xml.finishQuery(requestId);
    }
}
