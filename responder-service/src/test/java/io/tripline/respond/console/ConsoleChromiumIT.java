package io.tripline.respond.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.tripline.respond.ResponderHarness;
import io.tripline.respond.action.SimulatedAws;
import io.tripline.respond.aws.AwsClients;
import io.tripline.respond.engine.TestIncidents;
import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.RemediationAction;
import io.tripline.simulator.AwsSimulator;
import io.tripline.simulator.SimulatorOptions;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;

/**
 * The console in a real browser: headless Chromium logs in, approves a pending quarantine, and sees it
 * SUCCEEDED and verified, while the simulator's instance really sits in the quarantine group. Needs the
 * system Chromium and its driver (Debian {@code chromium} and {@code chromium-driver}, which .ci/run
 * installs); skipped with that reason where they are absent.
 */
class ConsoleChromiumIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String INSTANCE = "i-0a1b2c3d4e5f60718";
    private static final String ENI = "eni-0a1b2c3d4e5f6a7b8";
    private static AwsSimulator sim;
    private static AwsClients clients;
    private static ResponderHarness harness;
    private static Path profile;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium absent: needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver; .ci/run installs them)");
        sim = AwsSimulator.start(SimulatorOptions.defaults().withSeed(31));
        sim.control().playScenario("ssh-brute-force");
        clients = SimulatedAws.clients(sim);
        harness = new ResponderHarness(sim).with("tripline.respond.mode", "approve").start();

        profile = Files.createTempDirectory("tripline-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (harness != null) {
            harness.close();
        }
        if (clients != null) {
            clients.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<String> eniGroups() {
        Ec2Client ec2 = clients.forAccount(SimulatedAws.SSH_ACCOUNT, "us-east-1").ec2();
        return ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(ENI)).networkInterfaces().get(0).groups().stream()
                .map(GroupIdentifier::groupId).toList();
    }

    @Test
    void shouldLogInApproveAPendingQuarantineAndSeeItExecutedAndVerified() {
        harness.produce(TestIncidents.incident("inc-browser", "Instance", INSTANCE, SimulatedAws.SSH_ACCOUNT, 92), false);
        RemediationAction pending = harness.awaitAction(a -> a.getActionType().equals("quarantine-instance")
                && a.getState() == ActionState.PROPOSED, "quarantine proposal");
        assertThat(eniGroups()).containsExactly("sg-0web1234");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(harness.baseUrl().replaceAll("/$", "") + "/console/approvals");
        wait.until(ExpectedConditions.urlContains("/console/login"));
        browser.findElement(By.id("token")).sendKeys("not-the-token-0123456789");
        browser.findElement(By.id("user")).sendKeys("alice@example.com");
        browser.findElement(By.id("login")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error"))).getText())
                .contains("not accepted");

        browser.findElement(By.id("token")).sendKeys(ResponderHarness.TOKEN);
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.urlContains("/console/incidents"));
        assertThat(browser.findElement(By.id("incidents")).getText()).contains("inc-browser", "92");

        browser.findElement(By.linkText("Pending approvals")).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("action-" + pending.getActionId())));
        assertThat(row.getText()).contains("quarantine-instance", INSTANCE, "PROPOSED");
        row.findElement(By.cssSelector("button.approve")).click();

        wait.until(ExpectedConditions.urlContains("/console/incidents/inc-browser"));
        WebElement done = browser.findElement(By.id("action-" + pending.getActionId()));
        assertThat(done.findElement(By.cssSelector(".action-state")).getText()).contains("SUCCEEDED");
        assertThat(done.findElement(By.cssSelector(".action-verified")).getText()).isEqualTo("verified");
        assertThat(done.getText()).contains("alice@example.com");

        RemediationAction recorded = harness.ledger().get(pending.getActionId()).orElseThrow();
        assertThat(recorded.getState()).isEqualTo(ActionState.SUCCEEDED);
        assertThat(recorded.getActor()).isEqualTo("alice@example.com");
        assertThat(eniGroups()).containsExactly(recorded.getDetails().get("quarantine-group"));

        browser.findElement(By.linkText("Audit trail")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit"))).getText())
                .contains("PROPOSED → APPROVED", "alice@example.com");
    }
}
