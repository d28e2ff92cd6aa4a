package io.tripline.enrich.incident;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The drivers a test opened, closed after it: register with {@code @RegisterExtension}. */
final class IncidentDrivers implements AfterEachCallback {

    private final List<IncidentDriver> open = new ArrayList<>();

    /** A driver with the default test settings. */
    IncidentDriver open() {
        return add(new IncidentDriver(IncidentDriver.settings()));
    }

    IncidentDriver add(IncidentDriver driver) {
        open.add(driver);
        return driver;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(IncidentDriver::close);
        open.clear();
    }
}
