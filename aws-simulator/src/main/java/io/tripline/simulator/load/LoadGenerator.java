package io.tripline.simulator.load;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tripline.simulator.core.Account;
import io.tripline.simulator.core.SimIds;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.World;
import io.tripline.simulator.guardduty.GuardDutyFindings;
import io.tripline.simulator.scenario.AsffDefaults;
import io.tripline.simulator.securityhub.SecurityHubFindings;

/**
 * A steady, seeded stream of signals into one account-region for load and fault tests: GuardDuty
 * findings (published as GuardDuty does, so Security Hub gets its ASFF copies), native Security Hub
 * findings, and CloudTrail log files delivered through S3 and an SQS notification. Each source has one
 * door, so a signal that shows up twice downstream is a real duplicate. Rates hold per wall-clock second
 * from the start; what was emitted is kept in a {@link LoadLedger}.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);
    private static final long TICK_MILLIS = 20;

    private final World world;
    private final LoadPlan plan;
    private final Account account;
    private final SimIds ids;
    private final TrailLogFiles trail;
    private final LoadLedger ledger = new LoadLedger();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long elapsedNanos;
    private long guardDutyEmitted;
    private long securityHubEmitted;
    private long cloudTrailEmitted;

    private LoadGenerator(World world, LoadPlan plan) {
        this.world = world;
        this.plan = plan;
        this.account = world.account(plan.account());
        this.ids = new SimIds(plan.seed());
        this.trail = new TrailLogFiles(account, plan.region(), plan.trailBucket(), plan.trailQueue(), ids, world.clock().now());
        this.thread = new Thread(this::run, "load-generator");
        thread.setDaemon(true);
    }

    /** Creates the trail bucket and queue if missing and starts emitting. */
    public static LoadGenerator start(World world, LoadPlan plan) {
        LoadGenerator generator = new LoadGenerator(world, plan);
        generator.thread.start();
        return generator;
    }

    /**
     * Publishes one more GuardDuty finding (camelCase fields; same {@code id} = a new version of it) now,
     * through the same door as the load, and records it: for findings a test needs, e.g. ones that open
     * incidents a playbook acts on.
     */
    public ObjectNode guardDuty(ObjectNode spec) {
        Instant at = world.clock().now();
        ObjectNode stored = GuardDutyFindings.publish(world, account, plan.region(), spec, at);
        ledger.guardDuty(stored.get("id").asText(), at);
        return stored;
    }

    public LoadLedger ledger() {
        return ledger;
    }

    public LoadPlan plan() {
        return plan;
    }

    /** Waits until the plan's duration has passed (or {@link #close()}); true when it ended in time. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Signals per second emitted so far, over the time emitted (load plus any {@link #guardDuty} extras). */
    public double achievedPerSecond() {
        long nanos = elapsedNanos;
        return nanos == 0 ? 0 : ledger.total() / (nanos / 1e9);
    }

    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long start = System.nanoTime();
        long fileEvery = plan.fileInterval().toNanos();
        long nextFile = start + fileEvery;
        long end = start + plan.duration().toNanos();
        try {
            while (!stopped) {
                long now = System.nanoTime();
                boolean last = now >= end;
                double seconds = (Math.min(now, end) - start) / 1e9;
                emitFindings(seconds);
                if (now >= nextFile || last) {
                    long due = (long) (seconds * plan.cloudTrailPerSecond()) - cloudTrailEmitted;
                    if (due > 0) {
                        trail.deliver((int) due, world.clock().now(), ledger);
                        cloudTrailEmitted += due;
                    }
                    nextFile += fileEvery;
                }
                elapsedNanos = Math.min(now, end) - start;
                if (last) {
                    break;
                }
                Thread.sleep(TICK_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Load generator stopped by an error", e);
        } finally {
            LOG.info("Load generator emitted {} signals in {} s", ledger.total(), elapsedNanos / 1_000_000_000.0);
            finished.countDown();
        }
    }

    private void emitFindings(double seconds) {
        for (long due = (long) (seconds * plan.guardDutyPerSecond()); guardDutyEmitted < due; guardDutyEmitted++) {
            guardDuty(loadFinding(guardDutyEmitted));
        }
        for (long due = (long) (seconds * plan.securityHubPerSecond()); securityHubEmitted < due; securityHubEmitted++) {
            Instant at = world.clock().now();
            ObjectNode finding = AsffDefaults.complete(world, controlFinding(securityHubEmitted), plan.account(),
                    plan.region(), at);
            String rejected = SecurityHubFindings.importFinding(world, SecurityHubFindings.state(account, plan.region()),
                    plan.region(), finding);
            if (rejected != null) {
                throw new IllegalStateException("load Security Hub finding rejected: " + rejected);
            }
            ledger.securityHub(finding.get("Id").asText(), at);
        }
    }

    /** A low-severity port probe on one of a few made-up instances: correlates into a bounded set of incidents. */
    private ObjectNode loadFinding(long n) {
        ObjectNode spec = SimJson.object();
        spec.put("id", ids.hex(32));
        spec.put("type", "Recon:EC2/PortProbeUnprotectedPort");
        spec.put("severity", 2.0);
        ObjectNode resource = spec.putObject("resource");
        resource.put("resourceType", "Instance");
        resource.putObject("instanceDetails").put("instanceId", String.format("i-10ad%013d", n % plan.loadInstances()))
                .put("instanceState", "running");
        return spec;
    }

    /** A failed configuration check: posture, which reaches the findings topic but opens no incident. */
    private ObjectNode controlFinding(long n) {
        ObjectNode spec = SimJson.object();
        spec.put("Id", "arn:aws:securityhub:" + plan.region() + ":" + plan.account() + ":finding/" + ids.uuid());
        spec.put("GeneratorId", "load-generator/config-check-" + (n % 20));
        spec.put("Title", "Security group allows unrestricted access (load check " + (n % 20) + ")");
        spec.putArray("Types").add("Software and Configuration Checks/Industry and Regulatory Standards");
        spec.putObject("Severity").put("Label", "LOW");
        spec.putObject("Compliance").put("Status", "FAILED");
        spec.putArray("Resources").addObject().put("Type", "AwsEc2SecurityGroup")
                .put("Id", "arn:aws:ec2:" + plan.region() + ":" + plan.account() + ":security-group/sg-10ad" + (n % 40))
                .put("Partition", "aws").put("Region", plan.region());
        return spec;
    }
}
