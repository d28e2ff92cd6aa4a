package io.tripline.simulator;

import io.tripline.simulator.cloudtrail.CloudTrailSettings;
import io.tripline.simulator.control.ControlApi;
import io.tripline.simulator.control.SimulatorControl;
import io.tripline.simulator.core.SimClock;
import io.tripline.simulator.core.SimIds;
import io.tripline.simulator.core.World;
import io.tripline.simulator.fault.Counters;
import io.tripline.simulator.fault.FaultInjector;
import io.tripline.simulator.fault.FaultSettings;
import io.tripline.simulator.scenario.Scenario;
import io.tripline.simulator.scenario.ScenarioPlayer;
import io.tripline.simulator.server.ServiceRegistry;
import io.tripline.simulator.server.SimulatorServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A running simulator, for other modules' tests and the CLI: {@code AwsSimulator.start(options)} binds
 * the server and returns the endpoint to override SDK clients with, the {@link World} for direct state
 * access, a {@link SimulatorControl} client, the scenario player and fault injector; {@link #close()}
 * stops it.
 */
public final class AwsSimulator implements AutoCloseable {

    private final World world;
    private final ServiceRegistry services;
    private final FaultInjector faults;
    private final ScenarioPlayer scenarios;
    private final SimulatorServer server;
    private final SimulatorControl control;

    private AwsSimulator(SimulatorOptions options) throws IOException {
        Instant start = options.start() != null ? options.start() : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        world = new World(new SimClock(start, options.speed()));
        world.putExtension(SimIds.class, new SimIds(options.seed()));
        world.putExtension(CloudTrailSettings.class, new CloudTrailSettings(options.maxEventsPerRegion()));
        services = new ServiceRegistry(options.extraServices());
        faults = new FaultInjector(FaultSettings.none(options.seed(), options.enforceLimits()), new Counters());
        scenarios = new ScenarioPlayer(world, services);
        // load before binding so a bad scenario fails fast without leaving a server behind
        Scenario scenario = options.scenario() == null ? null : scenarios.load(options.scenario());
        server = new SimulatorServer(options.port(), options.threads(), world, services, faults, options.permissive(),
                new ControlApi(world, faults, scenarios));
        control = new SimulatorControl(server.endpoint());
        if (scenario != null) {
            scenarios.play(scenario);
        }
    }

    /**
     * Starts a simulator.
     *
     * @throws UncheckedIOException wrapping {@link java.net.BindException} when the port is taken
     */
    public static AwsSimulator start(SimulatorOptions options) {
        try {
            return new AwsSimulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start aws-simulator on port " + options.port() + ": " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return server.endpoint();
    }

    public int port() {
        return server.port();
    }

    public World world() {
        return world;
    }

    public SimulatorControl control() {
        return control;
    }

    public ScenarioPlayer scenarios() {
        return scenarios;
    }

    public FaultInjector faults() {
        return faults;
    }

    public ServiceRegistry services() {
        return services;
    }

    @Override
    public void close() {
        scenarios.stop();
        server.close();
    }
}
