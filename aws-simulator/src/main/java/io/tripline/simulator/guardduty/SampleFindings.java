package io.tripline.simulator.guardduty;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.SimJson;

/**
 * The findings CreateSampleFindings generates: one per requested type, with GuardDuty's sample
 * placeholders ({@code i-99999999}, {@code GeneratedFinding...}) and {@code additionalInfo.sample=true}.
 */
final class SampleFindings {

    private SampleFindings() {
    }

    static ObjectNode spec(String type, String accountId, String region) {
        ObjectNode spec = SimJson.object();
        spec.put("type", type);
        ObjectNode resource = spec.putObject("resource");
        if (type.contains(":EC2/")) {
            resource.put("resourceType", "Instance");
            ObjectNode instance = resource.putObject("instanceDetails");
            instance.put("instanceId", "i-99999999").put("instanceType", "m3.xlarge").put("instanceState", "running")
                    .put("availabilityZone", region + "a").put("imageId", "ami-99999999")
                    .put("launchTime", "2016-08-02T02:05:06.000Z");
            instance.putObject("iamInstanceProfile").put("arn", "arn:aws:iam::" + accountId + ":instance-profile/generated")
                    .put("id", "GeneratedFindingInstanceProfileId");
            instance.putArray("tags").addObject().put("key", "GeneratedFindingInstaceTag1").put("value", "GeneratedFindingInstaceValue1");
            ObjectNode eni = instance.putArray("networkInterfaces").addObject();
            eni.put("networkInterfaceId", "eni-abcdef00").put("privateIpAddress", "10.0.0.1")
                    .put("publicIp", "198.51.100.1").put("subnetId", "GeneratedFindingSubnetId1").put("vpcId", "vpc-generatedvpcid1");
            eni.putArray("securityGroups").addObject().put("groupId", "GeneratedFindingSecurityId1")
                    .put("groupName", "GeneratedFindingSecurityGroupName1");
        } else if (type.contains(":S3/")) {
            resource.put("resourceType", "S3Bucket");
            resource.putArray("s3BucketDetails").addObject().put("name", "bucketName").put("type", "Destination")
                    .put("arn", "arn:aws:s3:::bucketName");
        } else {
            resource.put("resourceType", "AccessKey");
            resource.putObject("accessKeyDetails").put("accessKeyId", "GeneratedFindingAccessKeyId")
                    .put("principalId", "GeneratedFindingPrincipalId").put("userName", "GeneratedFindingUserName")
                    .put("userType", "IAMUser");
        }
        spec.putObject("service").putObject("additionalInfo").put("sample", true).put("type", "default").put("value", "{\"sample\":true}");
        return spec;
    }
}
