package io.tripline.core.serde;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.config.ConfigException;

import io.tripline.core.registry.RegistryAuth;
import io.tripline.core.registry.SchemaRegistry;
import io.tripline.core.registry.SchemaRegistryClient;

/**
 * Settings of the Avro serde, under Confluent's property names so existing client configuration works
 * unchanged: {@code schema.registry.url}, {@code auto.register.schemas}, {@code basic.auth.user.info},
 * {@code bearer.auth.token}. A ready {@link SchemaRegistry} (e.g. the in-memory one for offline replay) may be passed under {@link #CLIENT}.
 */
public record SerdeConfig(SchemaRegistry client, boolean autoRegister) {

    public static final String URL = "schema.registry.url";
    public static final String AUTO_REGISTER = "auto.register.schemas";
    public static final String BASIC_AUTH = "basic.auth.user.info";
    public static final String BEARER_TOKEN = "bearer.auth.token";
    public static final String CLIENT = "tripline.schema.registry.client";

    // One client per registry URL and credentials: serdes of every topic share its id and schema caches.
    private static final Map<String, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    public static SerdeConfig from(Map<String, ?> settings) {
        boolean autoRegister = !"false".equalsIgnoreCase(String.valueOf(settings.containsKey(AUTO_REGISTER) ? settings.get(AUTO_REGISTER) : "true"));
        Object given = settings.get(CLIENT);
        if (given instanceof SchemaRegistry client) {
            return new SerdeConfig(client, autoRegister);
        }
        Object url = settings.get(URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(URL, url, "the Avro serde needs the schema registry URL");
        }
        String first = url.toString().split(",")[0].trim();
        RegistryAuth auth = auth(settings);
        SchemaRegistryClient client = CLIENTS.computeIfAbsent(first + '|' + auth.header().orElse(""),
                k -> new SchemaRegistryClient(first, auth, Duration.ofSeconds(10)));
        return new SerdeConfig(client, autoRegister);
    }

    private static RegistryAuth auth(Map<String, ?> settings) {
        Object bearer = settings.get(BEARER_TOKEN);
        if (bearer != null && !bearer.toString().isBlank()) {
            return RegistryAuth.bearer(bearer.toString());
        }
        Object basic = settings.get(BASIC_AUTH);
        if (basic != null && !basic.toString().isBlank()) {
            return RegistryAuth.basic(basic.toString());
        }
        return RegistryAuth.none();
    }
}
