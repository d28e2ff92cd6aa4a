package io.tripline.simulator.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.World;
import java.time.Instant;

/**
 * Completes an ASFF finding a scenario supplies: identity and account from the timeline entry,
 * timestamps from the simulated clock, and the required fields a short inline finding may omit.
 */
public final class AsffDefaults {

    private AsffDefaults() {
    }

    public static ObjectNode complete(World world, ObjectNode spec, String account, String region, Instant at) {
        ObjectNode f = spec.deepCopy();
        String now = SimJson.isoMillis(at);
        if (!f.hasNonNull("ProductArn")) {
            f.put("ProductArn", "arn:aws:securityhub:" + region + ":" + account + ":product/" + account + "/default");
        }
        if (!f.hasNonNull("Id")) {
            f.put("Id", "arn:aws:securityhub:" + region + ":" + account + ":finding/" + world.ids().uuid());
        }
        f.put("AwsAccountId", account);
        f.put("Region", region);
        if (!f.hasNonNull("SchemaVersion")) {
            f.put("SchemaVersion", "2018-10-08");
        }
        if (!f.hasNonNull("GeneratorId")) {
            f.put("GeneratorId", "tripline-scenario");
        }
        if (!f.hasNonNull("Title")) {
            f.put("Title", "Scenario finding");
        }
        if (!f.hasNonNull("Description")) {
            f.put("Description", f.get("Title").asText());
        }
        if (!f.has("Types")) {
            f.putArray("Types").add("Unusual Behaviors/User");
        }
        if (!f.has("Severity")) {
            f.putObject("Severity").put("Label", "MEDIUM");
        }
        if (!f.has("Resources")) {
            f.putArray("Resources").addObject().put("Type", "AwsAccount").put("Id", "AWS::::Account:" + account)
                    .put("Partition", "aws").put("Region", region);
        }
        f.put("CreatedAt", now);
        f.put("UpdatedAt", now);
        if (!f.hasNonNull("FirstObservedAt")) {
            f.put("FirstObservedAt", now);
        }
        f.put("LastObservedAt", now);
        return f;
    }
}
