package io.tripline.stack.demo;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The secrets one demo run configures, fresh for each run, in the places an operator's would be: the
 * approvals API token, the services' AWS secret access keys, the schema registry's basic-auth password and a
 * SASL password in the Kafka client settings. The demo's broker and registry do not check the last two (the
 * broker listens in PLAINTEXT, where clients ignore SASL settings), but every service carries them through its
 * configuration like production does, so the end-to-end test can prove none of them reaches a log.
 */
record DemoSecrets(String apiToken, String ingestSecretKey, String respondSecretKey, String registryPassword,
                   String saslPassword) {

    static DemoSecrets generate() {
        return new DemoSecrets("demo-" + random(), "ingest-secret-" + random(), "respond-secret-" + random(),
                "registry-pass-" + random(), "sasl-pass-" + random());
    }

    /** Every secret, for scanning logs. */
    List<String> all() {
        return List.of(apiToken, ingestSecretKey, respondSecretKey, registryPassword, saslPassword);
    }

    /** Kafka client and serde settings with the registry's and the broker's credentials, as a service's pass-through. */
    Map<String, String> kafkaClientProperties() {
        return Map.of("basic.auth.user.info", "tripline-demo:" + registryPassword,
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"tripline-demo\""
                        + " password=\"" + saslPassword + "\";");
    }

    private static String random() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
