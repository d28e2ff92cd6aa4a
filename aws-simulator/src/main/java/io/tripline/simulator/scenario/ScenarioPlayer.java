package io.tripline.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.cloudtrail.CloudTrailRecorder;
import io.tripline.simulator.core.Account;
import io.tripline.simulator.core.AwsService;
import io.tripline.simulator.core.Seedable;
import io.tripline.simulator.core.SimClock;
import io.tripline.simulator.core.World;
import io.tripline.simulator.guardduty.GuardDutyFindings;
import io.tripline.simulator.securityhub.SecurityHubFindings;
import io.tripline.simulator.server.ServiceRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a scenario on the simulated clock: seeds each account's resources through the services'
 * {@link Seedable}, enables a GuardDuty detector per account-region, then publishes each signal once
 * the clock reaches its offset, stamped with its scheduled simulated time (so a run is reproducible
 * whatever the speed). One scenario plays at a time; loading another stops the current one.
 */
public final class ScenarioPlayer {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioPlayer.class);

    private final World world;
    private final ServiceRegistry services;
    private volatile ScenarioStatus status = ScenarioStatus.IDLE;
    private Thread thread;

    public ScenarioPlayer(World world, ServiceRegistry services) {
        this.world = world;
        this.services = services;
    }

    public Scenario load(String nameOrPathOrInline) {
        return ScenarioLoader.load(nameOrPathOrInline);
    }

    public ScenarioStatus status() {
        return status;
    }

    /** Seeds the scenario's accounts and starts playing its timeline in the background. */
    public synchronized void play(Scenario scenario) {
        stop();
        SimClock clock = world.clock();
        if (scenario.start() != null) {
            clock.set(scenario.start());
        }
        Instant start = clock.now().truncatedTo(ChronoUnit.MILLIS);
        seed(scenario);
        status = new ScenarioStatus(scenario.name(), "RUNNING", scenario.signals().size(), 0, start.toString(), null);
        thread = new Thread(() -> run(scenario, start), "aws-simulator-scenario-" + scenario.name());
        thread.setDaemon(true);
        thread.start();
        LOG.info("Playing scenario {} ({} signals) from {}", scenario.name(), scenario.signals().size(), start);
    }

    /** Stops the playing scenario, if any. */
    public synchronized void stop() {
        if (thread != null && thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status = new ScenarioStatus(status.name(), "STOPPED", status.signalsTotal(), status.signalsPlayed(),
                    status.startedAt(), null);
        }
        thread = null;
    }

    /** Waits until the scenario finishes or {@code timeout} passes; returns the last status. */
    public ScenarioStatus await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!status.finished() && !"IDLE".equals(status.state()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return status;
    }

    private void run(Scenario scenario, Instant start) {
        int played = 0;
        try {
            for (Signal signal : scenario.signals()) {
                Instant due = start.plus(signal.at());
                if (!waitFor(due)) {
                    return;
                }
                publish(signal, due);
                played++;
                status = new ScenarioStatus(scenario.name(), "RUNNING", scenario.signals().size(), played,
                        start.toString(), null);
            }
            status = new ScenarioStatus(scenario.name(), "DONE", scenario.signals().size(), played, start.toString(), null);
            LOG.info("Scenario {} done: {} signals", scenario.name(), played);
        } catch (RuntimeException e) {
            LOG.error("Scenario {} failed after {} signals", scenario.name(), played, e);
            status = new ScenarioStatus(scenario.name(), "FAILED", scenario.signals().size(), played, start.toString(),
                    String.valueOf(e.getMessage()));
        }
    }

    /** Sleeps until the simulated clock reaches {@code due}; false when interrupted (stopped). */
    private boolean waitFor(Instant due) {
        SimClock clock = world.clock();
        while (clock.now().isBefore(due)) {
            long simMillis = Duration.between(clock.now(), due).toMillis();
            long realMillis = clock.running() ? (long) Math.ceil(simMillis / Math.max(clock.speed(), 1e-9)) : 50;
            try {
                Thread.sleep(Math.max(1, Math.min(50, realMillis)));
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }

    private void publish(Signal signal, Instant at) {
        Account account = world.account(signal.account());
        switch (signal.kind()) {
            case guardduty -> GuardDutyFindings.publish(world, account, signal.region(), signal.body().deepCopy(), at);
            case cloudtrail -> CloudTrailRecorder.recordSupplied(world, signal.account(), signal.region(), signal.body(), at);
            case securityhub -> {
                ObjectNode finding = AsffDefaults.complete(world, signal.body(), signal.account(), signal.region(), at);
                String error = SecurityHubFindings.importFinding(world, SecurityHubFindings.state(account, signal.region()),
                        signal.region(), finding);
                if (error != null) {
                    LOG.warn("Scenario Security Hub finding {} rejected: {}", finding.path("Id").asText(), error);
                }
            }
            default -> throw new IllegalStateException("unknown kind " + signal.kind());
        }
    }

    private void seed(Scenario scenario) {
        for (JsonNode acct : scenario.accounts()) {
            Account account = world.account(acct.path("id").asText(World.DEFAULT_ACCOUNT));
            for (JsonNode region : acct.path("regions")) {
                GuardDutyFindings.ensureDetector(world, account, region.asText());
            }
            Iterator<Map.Entry<String, JsonNode>> sections = acct.path("resources").fields();
            while (sections.hasNext()) {
                Map.Entry<String, JsonNode> section = sections.next();
                String region = "global".equals(section.getKey()) ? null : section.getKey();
                Iterator<Map.Entry<String, JsonNode>> perService = section.getValue().fields();
                while (perService.hasNext()) {
                    Map.Entry<String, JsonNode> e = perService.next();
                    AwsService service = services.find(e.getKey()).orElse(null);
                    if (service instanceof Seedable seedable) {
                        seedable.seed(world, account, region, e.getValue());
                    } else {
                        LOG.warn("Scenario {}: no seedable service '{}', resources skipped", scenario.name(), e.getKey());
                    }
                }
            }
        }
    }
}
