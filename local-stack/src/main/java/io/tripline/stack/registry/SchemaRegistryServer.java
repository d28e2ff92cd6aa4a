package io.tripline.stack.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tripline's Confluent-compatible schema registry: Confluent's REST API on the JDK HTTP server,
 * state in Confluent's {@code _schemas} topic format. Tests and the local run use it where
 * production runs {@code confluentinc/cp-schema-registry}; either can read what the other wrote.
 *
 * <pre>{@code
 * try (SchemaRegistryServer registry = SchemaRegistryServer.start(
 *     RegistryConfig.of(broker.bootstrapServers()).withPort(0))) {
 *   String url = registry.url(); // http://127.0.0.1:54321
 * }
 * }</pre>
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final int HTTP_THREADS = 4;

    private final HttpServer http;
    private final ExecutorService executor;
    private final RegistryLog log;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SchemaRegistryServer(HttpServer http, ExecutorService executor, RegistryLog log, String url) {
        this.http = http;
        this.executor = executor;
        this.log = log;
        this.url = url;
    }

    /**
     * Starts a registry backed by Kafka: binds the port, creates the topic if needed, reads it to
     * its end, then serves.
     *
     * @throws IllegalStateException when the port is taken (the message names it) or Kafka cannot
     *     be reached
     */
    public static SchemaRegistryServer start(RegistryConfig config) {
        HttpServer http = bind(config.host(), config.port());
        SchemaStore store = new SchemaStore();
        RegistryLog log;
        try {
            log = KafkaRegistryLog.open(config, store);
        } catch (RuntimeException e) {
            http.stop(0);
            throw e;
        }
        SchemaRegistryServer server = serve(http, store, log, config.host());
        LOG.info("Schema registry listening on {} (topic {}, Kafka {})",
                server.url(), config.topic(), config.bootstrapServers());
        return server;
    }

    /** Starts a registry whose state lives only in memory, for unit tests without a broker. */
    public static SchemaRegistryServer startInMemory(String host, int port) {
        HttpServer http = bind(host, port);
        SchemaStore store = new SchemaStore();
        return serve(http, store, new InMemoryRegistryLog(store), host);
    }

    private static HttpServer bind(String host, int port) {
        try {
            return HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " is already in use on " + host, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    private static SchemaRegistryServer serve(HttpServer http, SchemaStore store, RegistryLog log,
            String host) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS, r -> {
            Thread t = new Thread(r, "registry-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.createContext("/", new RegistryHttpHandler(new RegistryRoutes(new RegistryService(store, log))));
        http.setExecutor(executor);
        http.start();
        // A wildcard bind is reachable on loopback; "0.0.0.0" is not an address a client can use.
        String urlHost = "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
        String url = "http://" + urlHost + ":" + http.getAddress().getPort();
        return new SchemaRegistryServer(http, executor, log, url);
    }

    /** The port actually bound (useful after asking for port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Base URL for clients, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return url;
    }

    /** Stops serving, then the topic reader and the Kafka clients. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(0);
        executor.shutdownNow();
        log.close();
        LOG.info("Schema registry at {} stopped", url);
    }
}
