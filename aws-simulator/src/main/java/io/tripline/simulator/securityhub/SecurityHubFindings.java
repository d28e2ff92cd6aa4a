package io.tripline.simulator.securityhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.Account;
import io.tripline.simulator.core.SimJson;
import io.tripline.simulator.core.World;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Imports ASFF findings into an account-region's Security Hub the way BatchImportFindings does:
 * required fields checked, defaults filled (Workflow NEW, RecordState ACTIVE, label from normalized
 * severity), customer-owned fields (Workflow, Note, UserDefinedFields, VerificationState) kept across
 * re-imports, CreatedAt kept, and UpdatedAt always moving forward so every import is a new version.
 */
public final class SecurityHubFindings {

    static final List<String> REQUIRED = List.of("AwsAccountId", "CreatedAt", "Description", "GeneratorId", "Id",
            "ProductArn", "Resources", "SchemaVersion", "Severity", "Title", "Types", "UpdatedAt");
    private static final List<String> CUSTOMER_FIELDS = List.of("Workflow", "WorkflowState", "Note", "UserDefinedFields",
            "VerificationState");

    private SecurityHubFindings() {
    }

    public static SecurityHubState state(Account account, String region) {
        return account.regional(region, SecurityHubState.class, SecurityHubState::new);
    }

    /** Copies a GuardDuty finding version into Security Hub when the hub is enabled there. */
    public static void importFromGuardDuty(World world, Account account, String region, JsonNode guardDutyFinding) {
        SecurityHubState state = state(account, region);
        if (state.enabled()) {
            importFinding(world, state, region, GuardDutyAsff.convert(guardDutyFinding));
        }
    }

    /** Imports one finding; returns null on success or the reason it was rejected. */
    public static String importFinding(World world, SecurityHubState state, String region, ObjectNode finding) {
        for (String field : REQUIRED) {
            if (!finding.hasNonNull(field)) {
                return "Finding does not adhere to Amazon Security Finding Format. data." + field + " is required";
            }
        }
        JsonNode severity = finding.get("Severity");
        if (!severity.hasNonNull("Label") && !severity.hasNonNull("Normalized")) {
            return "Finding does not adhere to Amazon Security Finding Format. data.Severity should have Label or Normalized";
        }
        if (!finding.get("Resources").isArray() || finding.get("Resources").isEmpty()) {
            return "Finding does not adhere to Amazon Security Finding Format. data.Resources should NOT have fewer than 1 items";
        }
        Instant provided;
        try {
            provided = Instant.parse(finding.get("UpdatedAt").asText());
            Instant.parse(finding.get("CreatedAt").asText());
        } catch (DateTimeParseException e) {
            return "Finding does not adhere to Amazon Security Finding Format. data.UpdatedAt should match format \"date-time\"";
        }
        ObjectNode stored = finding.deepCopy();
        fillDefaults(stored, region);
        synchronized (state) {
            ObjectNode existing = state.get(stored.get("ProductArn").asText(), stored.get("Id").asText());
            Instant now = world.clock().now();
            Instant updatedAt = provided;
            if (existing != null) {
                Instant previous = Instant.parse(existing.get("UpdatedAt").asText());
                if (!updatedAt.isAfter(previous)) {
                    updatedAt = now.isAfter(previous) ? now : previous.plusMillis(1);
                }
                stored.set("CreatedAt", existing.get("CreatedAt"));
                for (String field : CUSTOMER_FIELDS) {
                    if (existing.has(field)) {
                        stored.set(field, existing.get(field));
                    }
                }
            }
            stored.put("UpdatedAt", SimJson.isoMillis(updatedAt));
            state.put(stored);
        }
        return null;
    }

    /** Moves UpdatedAt of an existing finding forward (BatchUpdateFindings). */
    static void touch(World world, ObjectNode finding) {
        Instant previous = Instant.parse(finding.get("UpdatedAt").asText());
        Instant now = world.clock().now();
        finding.put("UpdatedAt", SimJson.isoMillis(now.isAfter(previous) ? now : previous.plusMillis(1)));
    }

    private static void fillDefaults(ObjectNode f, String region) {
        ObjectNode severity = (ObjectNode) f.get("Severity");
        if (!severity.hasNonNull("Label")) {
            severity.put("Label", SeverityLabels.fromNormalized(severity.get("Normalized").asInt()));
        }
        if (!severity.hasNonNull("Normalized")) {
            severity.put("Normalized", SeverityLabels.normalizedOf(severity.get("Label").asText()));
        }
        if (!f.hasNonNull("Workflow")) {
            f.putObject("Workflow").put("Status", "NEW");
        }
        if (!f.hasNonNull("WorkflowState")) {
            f.put("WorkflowState", "NEW");
        }
        if (!f.hasNonNull("RecordState")) {
            f.put("RecordState", "ACTIVE");
        }
        if (!f.hasNonNull("Region")) {
            f.put("Region", region);
        }
        String productArn = f.get("ProductArn").asText();
        if (!f.hasNonNull("ProductName")) {
            f.put("ProductName", productArn.endsWith("/guardduty") ? "GuardDuty" : "Default");
        }
        if (!f.hasNonNull("CompanyName")) {
            f.put("CompanyName", productArn.contains("product/aws/") ? "AWS" : "Personal");
        }
    }
}
