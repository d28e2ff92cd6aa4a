package io.tripline.simulator;

import io.tripline.simulator.core.AwsService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start a simulator: port (0 = any free port), seed (ids and faults), clock start and speed,
 * rate-limit enforcement, an optional scenario (classpath name or file path), permissive credentials,
 * CloudTrail memory bound, and extra services that replace discovered ones by signing name.
 * Immutable; the {@code with*} methods return changed copies.
 */
public record SimulatorOptions(int port, long seed, double speed, Instant start, boolean enforceLimits,
                               String scenario, boolean permissive, int threads, int maxEventsPerRegion,
                               List<AwsService> extraServices) {

    public SimulatorOptions {
        extraServices = List.copyOf(extraServices);
    }

    /** Ephemeral port, seed 0, real-time clock starting now, permissive, no scenario. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(0, 0L, 1.0, null, false, null, true, 16, 100_000, List.of());
    }

    public SimulatorOptions withPort(int value) {
        return new SimulatorOptions(value, seed, speed, start, enforceLimits, scenario, permissive, threads,
                maxEventsPerRegion, extraServices);
    }

    public SimulatorOptions withSeed(long value) {
        return new SimulatorOptions(port, value, speed, start, enforceLimits, scenario, permissive, threads,
                maxEventsPerRegion, extraServices);
    }

    public SimulatorOptions withSpeed(double value) {
        return new SimulatorOptions(port, seed, value, start, enforceLimits, scenario, permissive, threads,
                maxEventsPerRegion, extraServices);
    }

    public SimulatorOptions withStart(Instant value) {
        return new SimulatorOptions(port, seed, speed, value, enforceLimits, scenario, permissive, threads,
                maxEventsPerRegion, extraServices);
    }

    public SimulatorOptions withEnforceLimits(boolean value) {
        return new SimulatorOptions(port, seed, speed, start, value, scenario, permissive, threads,
                maxEventsPerRegion, extraServices);
    }

    public SimulatorOptions withScenario(String value) {
        return new SimulatorOptions(port, seed, speed, start, enforceLimits, value, permissive, threads,
                maxEventsPerRegion, extraServices);
    }

    public SimulatorOptions withPermissive(boolean value) {
        return new SimulatorOptions(port, seed, speed, start, enforceLimits, scenario, value, threads,
                maxEventsPerRegion, extraServices);
    }

    public SimulatorOptions withMaxEventsPerRegion(int value) {
        return new SimulatorOptions(port, seed, speed, start, enforceLimits, scenario, permissive, threads,
                value, extraServices);
    }

    public SimulatorOptions withService(AwsService service) {
        List<AwsService> more = new ArrayList<>(extraServices);
        more.add(service);
        return new SimulatorOptions(port, seed, speed, start, enforceLimits, scenario, permissive, threads,
                maxEventsPerRegion, more);
    }
}
