package io.tripline.simulator.ec2;

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
import java.util.UUID;

/**
 * Simulated Amazon EC2 (EC2 Query protocol): the instance, security-group, ENI, volume, snapshot and
 * VPC operations ingest enrichment and the responder's containment playbooks call. State is per
 * account and region ({@link Ec2State}).
 */
public final class Ec2Service implements AwsService, Seedable {

    @Override
    public String signingName() {
        return "ec2";
    }

    @Override
    public Protocol protocol() {
        return Protocol.EC2_QUERY;
    }

    @Override
    public String operationName(SimRequest request) {
        return request.formParams().get("Action");
    }

    /** The EC2 state of an account in a region, created with its default VPC on first use. */
    public static Ec2State state(Account account, String region) {
        return account.regional(region, Ec2State.class, () -> new Ec2State(account.id(), region));
    }

    @Override
    public SimResponse handle(SimRequest request, CallContext context) {
        QueryParams p = new QueryParams(request.formParams());
        String action = p.get("Action");
        if (action == null) {
            throw AwsError.badRequest("MissingAction", "The request must contain the parameter Action");
        }
        Ec2State s = state(context.account(), context.region());
        String requestId = UUID.randomUUID().toString();
        String xml;
        synchronized (s) {
            xml = switch (action) {
                case "DescribeInstances" -> Ec2Describe.describeInstances(p, s, requestId);
                case "DescribeSecurityGroups" -> Ec2Describe.describeSecurityGroups(p, s, requestId);
                case "DescribeNetworkInterfaces" -> Ec2Describe.describeNetworkInterfaces(p, s, requestId);
                case "DescribeVolumes" -> Ec2Describe.describeVolumes(p, s, requestId);
                case "DescribeSnapshots" -> Ec2Describe.describeSnapshots(p, s, requestId);
                case "DescribeVpcs" -> Ec2Describe.describeVpcs(p, s, requestId);
                case "CreateSecurityGroup" -> Ec2Mutations.createSecurityGroup(p, s, context, requestId);
                case "AuthorizeSecurityGroupIngress" -> Ec2Mutations.changeRules(action, false, true, p, s, context, requestId);
                case "AuthorizeSecurityGroupEgress" -> Ec2Mutations.changeRules(action, true, true, p, s, context, requestId);
                case "RevokeSecurityGroupIngress" -> Ec2Mutations.changeRules(action, false, false, p, s, context, requestId);
                case "RevokeSecurityGroupEgress" -> Ec2Mutations.changeRules(action, true, false, p, s, context, requestId);
                case "ModifyInstanceAttribute" -> Ec2Mutations.modifyInstanceAttribute(p, s, context, requestId);
                case "ModifyNetworkInterfaceAttribute" -> Ec2Mutations.modifyNetworkInterfaceAttribute(p, s, context, requestId);
                case "CreateSnapshot" -> Ec2Mutations.createSnapshot(p, s, context, requestId);
                case "CreateTags" -> Ec2Mutations.createTags(p, s, context, requestId, false);
                case "DeleteTags" -> Ec2Mutations.createTags(p, s, context, requestId, true);
                default -> throw AwsError.badRequest("InvalidAction",
                        "The action " + action + " is not valid for this web service.");
            };
        }
        return SimResponse.xml(200, xml);
    }

    @Override
    public void seed(World world, Account account, String region, JsonNode spec) {
        Ec2Seeder.seed(state(account, region), spec, world.clock().now());
    }
}
