package io.tripline.respond.aws;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The clients of one account and region. Action handlers call AWS only through these accessors
 * ({@code aws.ec2().createSnapshot(...)}), which is what the least-privilege test scans for.
 */
public record AccountClients(String accountId, String region, Ec2Client ec2, IamClient iam, S3Client s3, SnsClient sns)
        implements AutoCloseable {

    @Override
    public void close() {
        ec2.close();
        iam.close();
        s3.close();
        sns.close();
    }
}
