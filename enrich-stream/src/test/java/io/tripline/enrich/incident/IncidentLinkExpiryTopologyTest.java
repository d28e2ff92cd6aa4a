package io.tripline.enrich.incident;

import static io.tripline.enrich.incident.Scenarios.BRUTE_INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Entity links (a security group or access key to its instance or principal) last window + CloudTrail grace
 * after the latest signal that taught them (rounded up to a quarter window), are extended by later signals, and end at
 * the same point whatever order those signals came in, so the link store does not grow without bound.
 */
class IncidentLinkExpiryTopologyTest {

    private static final String GROUP = "sg-0aaa1111";
    private static final String LINK = Samples.ACCOUNT + "|" + EntityKeys.of(EntityKeys.SECURITY_GROUP, GROUP);
    private static final String INSTANCE = EntityKeys.of(EntityKeys.INSTANCE, BRUTE_INSTANCE);

    @RegisterExtension
    final IncidentDrivers drivers = new IncidentDrivers();

    private IncidentDriver driver() {
        return drivers.open();
    }

    private static ObjectNode bruteForce(String updatedAt, long count) {
        return Samples.withCount(Scenarios.sshBruteForce(GROUP), count, updatedAt);
    }

    @Test
    void shouldForgetASecurityGroupLinkAWindowAfterTheSignalThatTaughtIt() {
        IncidentDriver driver = driver();
        driver.guardDuty(bruteForce("2026-03-01T10:00:00Z", 1));
        assertThat(driver.rawLink(LINK)).startsWith(INSTANCE);

        // 10:00 rounded up to 12:00 (a quarter of the 24 h window), plus the window and 15 min of CloudTrail grace.
        driver.advanceTo("2026-03-02T12:14:00Z");
        assertThat(driver.rawLink(LINK)).startsWith(INSTANCE);
        driver.advanceTo("2026-03-02T12:16:00Z");
        assertThat(driver.rawLink(LINK)).isNull();
    }

    @Test
    void shouldKeepALinkALaterSignalTaughtAgainUntilAWindowAfterThatOne() {
        IncidentDriver driver = driver();
        driver.guardDuty(bruteForce("2026-03-01T10:00:00Z", 1));
        driver.guardDuty(bruteForce("2026-03-02T09:00:00Z", 2));

        driver.advanceTo("2026-03-02T12:16:00Z");
        assertThat(driver.rawLink(LINK)).startsWith(INSTANCE);
        driver.advanceTo("2026-03-03T12:16:00Z");
        assertThat(driver.rawLink(LINK)).isNull();
    }

    @Test
    void shouldEndALinkAtTheSamePointWhateverOrderItsSignalsCameIn() {
        IncidentDriver ordered = driver();
        ordered.guardDuty(bruteForce("2026-03-01T10:00:00Z", 1));
        ordered.guardDuty(bruteForce("2026-03-01T12:30:00Z", 2));
        IncidentDriver reversed = driver();
        reversed.guardDuty(bruteForce("2026-03-01T12:30:00Z", 2));
        reversed.guardDuty(bruteForce("2026-03-01T10:00:00Z", 1));

        assertThat(ordered.rawLink(LINK)).startsWith(INSTANCE).isEqualTo(reversed.rawLink(LINK));
    }
}
