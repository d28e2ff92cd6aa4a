package io.tripline.simulator.core;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated organization: accounts by id, credentials by access key id, and the clock. Services
 * reach other accounts' state through it (e.g. SNS delivering to an SQS queue in another account).
 */
public final class World {

    /** The account every unknown access key acts in, as LocalStack and moto do. */
    public static final String DEFAULT_ACCOUNT = "123456789012";

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Caller> credentials = new ConcurrentHashMap<>();
    private final SimClock clock;
    private final Map<Class<?>, Object> extensions = new ConcurrentHashMap<>();

    public World(SimClock clock) {
        this.clock = clock;
    }

    public SimClock clock() {
        return clock;
    }

    public Account account(String id) {
        return accounts.computeIfAbsent(id, Account::new);
    }

    public Optional<Account> findAccount(String id) {
        return Optional.ofNullable(accounts.get(id));
    }

    public Collection<Account> accounts() {
        return accounts.values();
    }

    /** Registers a key (IAM user key or STS temporary key) so calls made with it are attributed to {@code caller}. */
    public void registerCredentials(String accessKeyId, Caller caller) {
        credentials.put(accessKeyId, caller);
    }

    public void forgetCredentials(String accessKeyId) {
        credentials.remove(accessKeyId);
    }

    /** The caller for a key, if the key is known. */
    public Optional<Caller> caller(String accessKeyId) {
        return Optional.ofNullable(accessKeyId == null ? null : credentials.get(accessKeyId));
    }

    /**
     * A simulator-wide helper object (id generator, CloudTrail settings, fault injector), created on
     * first use. Extensions survive {@link #clear()}: they are machinery, not simulated state.
     */
    public <T> T extension(Class<T> type, java.util.function.Supplier<T> create) {
        return type.cast(extensions.computeIfAbsent(type, k -> create.get()));
    }

    /** Installs (or replaces) an extension, e.g. a seeded {@link SimIds}. */
    public <T> void putExtension(Class<T> type, T value) {
        extensions.put(type, value);
    }

    /** The ids generator of this world (seed 0 unless the simulator installed a seeded one). */
    public SimIds ids() {
        return extension(SimIds.class, () -> new SimIds(0L));
    }

    /** Every credential currently registered, for state dumps. */
    public Map<String, Caller> credentials() {
        return java.util.Collections.unmodifiableMap(credentials);
    }

    /** Drops every account and credential (control API reset). */
    public void clear() {
        accounts.clear();
        credentials.clear();
    }
}
