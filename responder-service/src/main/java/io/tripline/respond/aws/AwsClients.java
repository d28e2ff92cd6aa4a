package io.tripline.respond.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.respond.config.AccountConfig;
import io.tripline.respond.config.AwsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Builds the AWS clients once per account and region and keeps them: Apache HTTP client with explicit
 * timeouts, the standard retry strategy, credentials from an auto-refreshing STS AssumeRole provider
 * when the account names a role (static keys for test accounts, the default chain otherwise), and the
 * endpoint override — which only ever comes from configuration.
 */
@Singleton
public class AwsClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AwsClients.class);

    private final AwsConfig config;
    private final List<AccountConfig> accounts;
    private final Map<String, AccountClients> clients = new ConcurrentHashMap<>();

    public AwsClients(AwsConfig config, List<AccountConfig> accounts) {
        this.config = config;
        this.accounts = accounts;
    }

    /** The clients acting in {@code accountId} (null = the default account) and {@code region}. */
    public AccountClients forAccount(String accountId, String region) {
        String r = region == null || region.isBlank() ? config.getDefaultRegion() : region;
        String key = accountId + "/" + r;
        return clients.computeIfAbsent(key, k -> build(accountId, r));
    }

    private AccountClients build(String accountId, String region) {
        AwsCredentialsProvider credentials = credentials(accountId, region);
        LOG.info("Building AWS clients for account {} region {}", accountId, region);
        return new AccountClients(accountId, region,
                configure(Ec2Client.builder(), region).credentialsProvider(credentials).build(),
                // IAM is global: the SDK's endpoint rules map us-east-1 to iam.amazonaws.com, signed for
                // us-east-1, which is also where CloudTrail records IAM calls
                configure(IamClient.builder(), "us-east-1").credentialsProvider(credentials).build(),
                // path-style addressing: the simulator and S3-compatible endpoints do not resolve bucket subdomains
                configure(S3Client.builder().forcePathStyle(config.getEndpointOverride() != null), region)
                        .credentialsProvider(credentials).build(),
                configure(SnsClient.builder(), region).credentialsProvider(credentials).build());
    }

    private AwsCredentialsProvider credentials(String accountId, String region) {
        Optional<AccountConfig> account = accounts.stream().filter(a -> a.getId().equals(accountId)).findFirst();
        if (account.isEmpty() && !accounts.isEmpty()) {
            throw new IllegalStateException("account " + accountId + " is not configured under tripline.respond.accounts");
        }
        if (account.isPresent() && account.get().getAccessKeyId() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(account.get().getAccessKeyId(),
                    account.get().getSecretAccessKey()));
        }
        if (account.isPresent() && account.get().getRoleArn() != null) {
            AccountConfig a = account.get();
            StsClient sts = configure(StsClient.builder(), region).credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
            AssumeRoleRequest.Builder request = AssumeRoleRequest.builder().roleArn(a.getRoleArn())
                    .roleSessionName("tripline-responder").durationSeconds(3600);
            if (a.getExternalId() != null) {
                request.externalId(a.getExternalId());
            }
            return StsAssumeRoleCredentialsProvider.builder().stsClient(sts).refreshRequest(request.build()).build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private <B extends AwsClientBuilder<B, C>, C> B configure(B builder, String region) {
        builder.region(Region.of(region));
        if (config.getEndpointOverride() != null) {
            builder.endpointOverride(config.getEndpointOverride());
        }
        builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .apiCallTimeout(config.getApiCallTimeout())
                .apiCallAttemptTimeout(config.getApiCallAttemptTimeout())
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(config.getMaxAttempts()).build())
                .build());
        if (builder instanceof AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(ApacheHttpClient.builder()
                    .connectionTimeout(config.getConnectionTimeout())
                    .socketTimeout(config.getSocketTimeout())
                    .maxConnections(8));
        }
        return builder;
    }

    @PreDestroy
    @Override
    public void close() {
        clients.values().forEach(AccountClients::close);
        clients.clear();
    }
}
