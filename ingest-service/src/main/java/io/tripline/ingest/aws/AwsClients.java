package io.tripline.ingest.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tripline.ingest.config.AccountConfig;
import io.tripline.ingest.config.AwsConfig;
import io.tripline.ingest.config.CloudTrailConfig;
import io.tripline.ingest.config.SecurityHubConfig;
import io.tripline.ingest.ops.IngestMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds each AWS client once per account and region and keeps it: Apache HTTP client with explicit
 * timeouts, the standard or adaptive retry strategy, the quota token buckets, credentials from an
 * auto-refreshing STS AssumeRole provider when the account names a role (default chain otherwise), and
 * the endpoint override — which only ever comes from configuration.
 */
@Singleton
public class AwsClients {

    private static final Logger LOG = LoggerFactory.getLogger(AwsClients.class);

    private final AwsConfig config;
    private final SecurityHubConfig securityHub;
    private final CloudTrailConfig cloudTrail;
    private final RateLimits rateLimits;
    private final IngestMetrics metrics;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
    private final Map<String, AwsCredentialsProvider> credentials = new ConcurrentHashMap<>();

    public AwsClients(AwsConfig config, SecurityHubConfig securityHub, CloudTrailConfig cloudTrail, RateLimits rateLimits,
                      IngestMetrics metrics) {
        this.config = config;
        this.securityHub = securityHub;
        this.cloudTrail = cloudTrail;
        this.rateLimits = rateLimits;
        this.metrics = metrics;
    }

    public GuardDutyClient guardDuty(AccountConfig account, String region) {
        return client("guardduty", account, region, Map.of(), GuardDutyClient.builder());
    }

    public SecurityHubClient securityHub(AccountConfig account, String region) {
        return client("securityhub", account, region, Map.of("GetFindings",
                rateLimits.bucket(account.getId(), region, "securityhub:GetFindings", securityHub.getRequestsPerSecond())),
                SecurityHubClient.builder());
    }

    public CloudTrailClient cloudTrail(AccountConfig account, String region) {
        return client("cloudtrail", account, region, Map.of("LookupEvents",
                rateLimits.bucket(account.getId(), region, "cloudtrail:LookupEvents", cloudTrail.getRequestsPerSecond())),
                CloudTrailClient.builder());
    }

    public S3Client s3(AccountConfig account, String region) {
        // the simulator (and S3-compatible stores) speak path-style addressing only
        return client("s3", account, region, Map.of(),
                S3Client.builder().forcePathStyle(config.getEndpointOverride() != null));
    }

    public SqsClient sqs(AccountConfig account, String region) {
        return client("sqs", account, region, Map.of(), SqsClient.builder());
    }

    @SuppressWarnings("unchecked")
    private <B extends AwsClientBuilder<B, C>, C extends SdkClient> C client(String service, AccountConfig account,
                                                                             String region, Map<String, TokenBucket> limits,
                                                                             B builder) {
        return (C) clients.computeIfAbsent(service + "/" + account.getId() + "/" + region, key -> {
            configure(builder, service, account.getId(), region, limits);
            builder.credentialsProvider(credentials(account));
            LOG.info("Built {} client for account {} region {}", service, account.getId(), region);
            return builder.build();
        });
    }

    private <B extends AwsClientBuilder<B, C>, C> void configure(B builder, String service, String account, String region,
                                                                 Map<String, TokenBucket> limits) {
        builder.region(Region.of(region));
        if (config.getEndpointOverride() != null) {
            builder.endpointOverride(config.getEndpointOverride());
        }
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .apiCallTimeout(config.getApiCallTimeout())
                .apiCallAttemptTimeout(config.getApiCallAttemptTimeout())
                .retryStrategy(retryStrategy());
        if (metrics != null) {
            override.addExecutionInterceptor(new AwsCallInterceptor(service, account, region, limits, metrics));
        }
        if (service.equals("guardduty") || service.equals("securityhub")) {
            // findings go to the normalizers as sent on the wire, not re-serialized from SDK models
            override.addExecutionInterceptor(new WireBodies(java.util.Set.of("GetFindings")));
        }
        builder.overrideConfiguration(override.build());
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(ApacheHttpClient.builder()
                    .connectionTimeout(config.getConnectionTimeout())
                    .socketTimeout(config.getSocketTimeout())
                    .maxConnections(16));
        }
    }

    private RetryStrategy retryStrategy() {
        RetryStrategy base = config.getRetryMode() == AwsConfig.RetryMode.ADAPTIVE
                ? AwsRetryStrategy.adaptiveRetryStrategy() : AwsRetryStrategy.standardRetryStrategy();
        return base.toBuilder().maxAttempts(config.getMaxAttempts()).build();
    }

    private AwsCredentialsProvider credentials(AccountConfig account) {
        return credentials.computeIfAbsent(account.getId(), id -> {
            if (account.getRoleArn() == null || account.getRoleArn().isBlank()) {
                return DefaultCredentialsProvider.builder().build();
            }
            String region = account.getRegions().isEmpty() ? "us-east-1" : account.getRegions().get(0);
            software.amazon.awssdk.services.sts.StsClientBuilder sts = StsClient.builder().credentialsProvider(DefaultCredentialsProvider.builder().build());
            configure(sts, "sts", id, region, Map.of());
            StsClient stsClient = sts.build();
            clients.put("sts/" + id, stsClient);
            // refreshes the session before it expires; role ARN and external id are logged, secrets never are
            LOG.info("Assuming role {} for account {}", account.getRoleArn(), id);
            return StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(stsClient)
                    .refreshRequest(r -> {
                        r.roleArn(account.getRoleArn()).roleSessionName(config.getRoleSessionName());
                        if (account.getExternalId() != null) {
                            r.externalId(account.getExternalId());
                        }
                    })
                    .build();
        });
    }

    @PreDestroy
    public void close() {
        credentials.values().forEach(provider -> {
            if (provider instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.debug("closing credentials provider: {}", e.toString());
                }
            }
        });
        clients.values().forEach(SdkClient::close);
        clients.clear();
    }
}
