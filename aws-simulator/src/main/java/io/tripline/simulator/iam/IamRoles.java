package io.tripline.simulator.iam;

import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.CallContext;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.ec2.QueryParams;
import io.tripline.simulator.ec2.XmlWriter;
import java.util.List;

/**
 * IAM role and inline role-policy operations: the responder denies an instance role's sessions by
 * putting an AWSRevokeOlderSessions-style inline policy (STS sessions cannot be revoked, only denied).
 */
final class IamRoles {

    private static final String SOURCE = "iam.amazonaws.com";

    private final QueryParams p;
    private final IamState s;
    private final CallContext ctx;
    private final String requestId;

    IamRoles(QueryParams p, IamState s, CallContext ctx, String requestId) {
        this.p = p;
        this.s = s;
        this.ctx = ctx;
        this.requestId = requestId;
    }

    String getRole() {
        XmlWriter xml = IamXml.response("GetRole");
        IamXml.role(xml, "Role", s.role(p.require("RoleName")), true);
        return xml.finishQuery(requestId);
    }

    String listRoles() {
        String prefix = p.get("PathPrefix") == null ? "/" : p.get("PathPrefix");
        List<IamState.Role> all = s.roles.values().stream().filter(r -> r.path.startsWith(prefix)).toList();
        IamXml.Page<IamState.Role> page = IamXml.page(all, p.get("Marker"), p.get("MaxItems"));
        XmlWriter xml = IamXml.response("ListRoles").start("Roles");
        page.items().forEach(r -> IamXml.role(xml, "member", r, false));
        xml.end();
        page.finish(xml);
        return xml.finishQuery(requestId);
    }

    String putRolePolicy() {
        IamState.Role role = s.role(p.require("RoleName"));
        String name = p.require("PolicyName");
        String document = p.require("PolicyDocument");
        requireJson(document);
        role.inlinePolicies.put(name, document);
        ctx.recordEvent(SOURCE, "PutRolePolicy", SimJson.object().put("roleName", role.roleName).put("policyName", name)
                .put("policyDocument", document), null);
        return IamXml.response("PutRolePolicy").finishQuery(requestId);
    }

    String getRolePolicy() {
        IamState.Role role = s.role(p.require("RoleName"));
        String name = p.require("PolicyName");
        String document = role.inlinePolicies.get(name);
        if (document == null) {
            throw AwsError.notFound("NoSuchEntity", "The role policy with name " + name + " cannot be found.");
        }
        return IamXml.response("GetRolePolicy").leaf("RoleName", role.roleName).leaf("PolicyName", name)
                .leaf("PolicyDocument", IamXml.encodePolicy(document)).finishQuery(requestId);
    }

    String deleteRolePolicy() {
        IamState.Role role = s.role(p.require("RoleName"));
        String name = p.require("PolicyName");
        if (role.inlinePolicies.remove(name) == null) {
            throw AwsError.notFound("NoSuchEntity", "The role policy with name " + name + " cannot be found.");
        }
        ctx.recordEvent(SOURCE, "DeleteRolePolicy", SimJson.object().put("roleName", role.roleName)
                .put("policyName", name), null);
        return IamXml.response("DeleteRolePolicy").finishQuery(requestId);
    }

    String listRolePolicies() {
        IamState.Role role = s.role(p.require("RoleName"));
        IamXml.Page<String> page = IamXml.page(List.copyOf(role.inlinePolicies.keySet()), p.get("Marker"), p.get("MaxItems"));
        XmlWriter xml = IamXml.response("ListRolePolicies").start("PolicyNames");
        page.items().forEach(n -> xml.leaf("member", n));
        xml.end();
        page.finish(xml);
        return xml.finishQuery(requestId);
    }

    static void requireJson(String document) {
        try {
            if (!SimJson.MAPPER.readTree(document).isObject()) {
                throw new IllegalArgumentException("not an object");
            }
        } catch (Exception e) {
            throw AwsError.badRequest("MalformedPolicyDocument", "Syntax errors in policy.");
        }
    }
}
