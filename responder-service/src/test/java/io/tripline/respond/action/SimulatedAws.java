package io.tripline.respond.action;

import java.util.ArrayList;
import java.util.List;

import io.tripline.respond.aws.AwsClients;
import io.tripline.respond.config.AccountConfig;
import io.tripline.respond.config.AwsConfig;
import io.tripline.simulator.AwsSimulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;

/** Test helpers pointing the responder's real client factory (and a CloudTrail reader) at a simulator. */
public final class SimulatedAws {

    public static final String SSH_ACCOUNT = "111122223333";
    public static final String USER_ACCOUNT = "444455556666";
    public static final String DATA_ACCOUNT = "777788889999";

    private SimulatedAws() {
    }

    /** Clients acting as root of each scenario account (the simulator maps a 12-digit key to that account). */
    public static AwsClients clients(AwsSimulator sim) {
        AwsConfig config = new AwsConfig();
        config.setEndpointOverride(sim.endpoint());
        List<AccountConfig> accounts = new ArrayList<>();
        int i = 0;
        for (String id : List.of(SSH_ACCOUNT, USER_ACCOUNT, DATA_ACCOUNT)) {
            AccountConfig account = new AccountConfig(i++);
            account.setId(id);
            account.setAccessKeyId(id);
            account.setSecretAccessKey("simulated");
            accounts.add(account);
        }
        return new AwsClients(config, accounts);
    }

    /** Event names CloudTrail recorded in {@code account} for {@code resourceName}, newest first. */
    public static List<String> cloudTrailEvents(AwsSimulator sim, String account, String eventSource) {
        try (CloudTrailClient trail = CloudTrailClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "simulated")))
                .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            return trail.lookupEventsPaginator(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_SOURCE)
                            .attributeValue(eventSource)))
                    .events().stream().map(Event::eventName).toList();
        }
    }
}
