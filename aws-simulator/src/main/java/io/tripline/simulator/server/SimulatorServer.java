package io.tripline.simulator.server;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.tripline.simulator.core.World;
import io.tripline.simulator.fault.FaultInjector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's HTTP endpoint on 127.0.0.1: every AWS service behind one port (routed by SigV4
 * scope, as LocalStack does) plus the control API under {@code /_tripline/}. Port 0 picks a free port.
 */
public final class SimulatorServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);

    /** The reserved path prefix of the control API; never a valid AWS path. */
    public static final String CONTROL_PREFIX = "/_tripline";

    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * Binds and starts the server.
     *
     * @throws java.net.BindException when the port is taken
     */
    public SimulatorServer(int port, int threads, World world, ServiceRegistry services, FaultInjector faults,
                           boolean permissive, HttpHandler control) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.createContext("/", new RequestDispatcher(world, services, faults, permissive));
        if (control != null) {
            server.createContext(CONTROL_PREFIX, control);
        }
        // SQS long polls hold a thread for up to 20 s: grow past the core size instead of starving other calls.
        executor = new java.util.concurrent.ThreadPoolExecutor(threads, Math.max(threads, 256), 60, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), daemonThreads());
        server.setExecutor(executor);
        server.start();
        LOG.info("aws-simulator listening on {}", endpoint());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}, the endpoint override for SDK clients. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "aws-simulator-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
