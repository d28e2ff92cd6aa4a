package io.tripline.simulator.server;

import io.tripline.simulator.core.AwsService;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services the server routes to, by SigV4 signing name: those declared in
 * {@code META-INF/services/io.tripline.simulator.core.AwsService}, then any given explicitly (which
 * replace a discovered one with the same signing name, e.g. a test double).
 */
public final class ServiceRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRegistry.class);

    private final Map<String, AwsService> bySigningName = new LinkedHashMap<>();

    public ServiceRegistry(List<AwsService> extra) {
        for (AwsService service : ServiceLoader.load(AwsService.class)) {
            bySigningName.put(service.signingName(), service);
        }
        for (AwsService service : extra) {
            bySigningName.put(service.signingName(), service);
        }
        LOG.info("Simulated services: {}", bySigningName.keySet());
    }

    public Optional<AwsService> find(String signingName) {
        return Optional.ofNullable(signingName == null ? null : bySigningName.get(signingName));
    }

    public Collection<AwsService> all() {
        return bySigningName.values();
    }
}
