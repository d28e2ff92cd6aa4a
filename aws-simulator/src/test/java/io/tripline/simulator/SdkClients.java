package io.tripline.simulator;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/** Builds real SDK v2 clients pointed at a simulator: Apache HTTP client, static fake keys, standard retries. */
public final class SdkClients {

    private SdkClients() {
    }

    public static <B extends AwsClientBuilder<B, C>, C> C build(B builder, URI endpoint, String accessKey) {
        return build(builder, endpoint, AwsBasicCredentials.create(accessKey, "fake-secret"), "us-east-1", RetryMode.STANDARD);
    }

    public static <B extends AwsClientBuilder<B, C>, C> C build(B builder, URI endpoint, AwsCredentials credentials,
                                                                   String region, RetryMode retryMode) {
        return builder.endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryPolicy(retryMode)
                        .apiCallTimeout(Duration.ofSeconds(30)).build())
                .applyMutation(b -> {
                    if (b instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
                        sync.httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)));
                    }
                })
                .build();
    }

    public static AwsSessionCredentials session(String key, String secret, String token) {
        return AwsSessionCredentials.create(key, secret, token);
    }
}
