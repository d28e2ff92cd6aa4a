package io.tripline.enrich.replay;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.schema.v1.FindingResource;
import io.tripline.schema.v1.Principal;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.schema.v1.TrailResource;
import io.tripline.schema.v1.UserIdentity;

/**
 * Which records a topic replay keeps: by account, by principal and by resource. Values given for one
 * criterion are alternatives (any may match); different criteria must all match; no criterion keeps
 * everything. Matching is exact, on the canonical records' fields:
 * <ul>
 *   <li>account: a finding's account; a CloudTrail event's recipient account or its caller's account;</li>
 *   <li>principal: an ARN, user name or access key id — a finding's principal, a CloudTrail caller's ARN,
 *       user name, access key, principal id or (for an assumed role) the role it assumed;</li>
 *   <li>resource: a finding resource's id or ARN; a CloudTrail resource ARN; any string value in a
 *       CloudTrail event's request parameters (instance ids, bucket names, key ids); an ARN ending in
 *       {@code /ID} or {@code :ID} also matches ID.</li>
 * </ul>
 */
public record ReplayFilter(Set<String> accounts, Set<String> principals, Set<String> resources) implements Predicate<ReplayRecord> {

    public ReplayFilter {
        accounts = Set.copyOf(accounts);
        principals = Set.copyOf(principals);
        resources = Set.copyOf(resources);
    }

    /** Keeps every record. */
    public static ReplayFilter none() {
        return new ReplayFilter(Set.of(), Set.of(), Set.of());
    }

    public boolean isEmpty() {
        return accounts.isEmpty() && principals.isEmpty() && resources.isEmpty();
    }

    @Override
    public boolean test(ReplayRecord record) {
        if (record.value() instanceof TrailEvent event) {
            return (accounts.isEmpty() || matchesAccount(event))
                    && (principals.isEmpty() || matchesPrincipal(event))
                    && (resources.isEmpty() || matchesResource(event));
        }
        SecurityFinding finding = (SecurityFinding) record.value();
        return (accounts.isEmpty() || has(accounts, finding.getAccountId()))
                && (principals.isEmpty() || matchesPrincipal(finding))
                && (resources.isEmpty() || matchesResource(finding));
    }

    /** The criteria as {@code account=A,B principal=P resource=R}, empty when there are none; sorted, so stable. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        part(parts, "account", accounts);
        part(parts, "principal", principals);
        part(parts, "resource", resources);
        return String.join(" ", parts);
    }

    private static void part(List<String> parts, String name, Set<String> values) {
        if (!values.isEmpty()) {
            parts.add(name + "=" + String.join(",", values.stream().sorted().toList()));
        }
    }

    /** Null-safe: the sets are immutable and refuse to be asked about null. */
    private static boolean has(Set<String> values, String value) {
        return value != null && values.contains(value);
    }

    private boolean matchesAccount(TrailEvent event) {
        return has(accounts, event.getRecipientAccountId())
                || event.getUserIdentity() != null && has(accounts, event.getUserIdentity().getAccountId());
    }

    private boolean matchesPrincipal(TrailEvent event) {
        UserIdentity who = event.getUserIdentity();
        return who != null && (has(principals, who.getArn()) || has(principals, who.getUserName())
                || has(principals, who.getAccessKeyId()) || has(principals, who.getPrincipalId())
                || has(principals, who.getSessionIssuerArn()));
    }

    private boolean matchesPrincipal(SecurityFinding finding) {
        Principal who = finding.getPrincipal();
        return who != null && (has(principals, who.getArn()) || has(principals, who.getUserName())
                || has(principals, who.getAccessKeyId()));
    }

    private boolean matchesResource(SecurityFinding finding) {
        for (FindingResource resource : finding.getResources()) {
            if (has(resources, resource.getId()) || matchesArn(resource.getArn()) || matchesArn(resource.getId())) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesResource(TrailEvent event) {
        for (TrailResource resource : event.getResources()) {
            if (matchesArn(resource.getArn())) {
                return true;
            }
        }
        String parameters = event.getRequestParameters();
        if (parameters == null || parameters.isBlank()) {
            return false;
        }
        // Cheap pre-check: most events mention none of the resources, and parsing is the expensive part.
        if (resources.stream().noneMatch(parameters::contains)) {
            return false;
        }
        try {
            return anyValue(Json.MAPPER.readTree(parameters));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private boolean anyValue(JsonNode node) {
        if (node.isTextual()) {
            return matchesArn(node.asText());
        }
        if (node.isContainerNode()) {
            Iterator<JsonNode> children = node.elements();
            while (children.hasNext()) {
                if (anyValue(children.next())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean matchesArn(String value) {
        if (value == null) {
            return false;
        }
        if (has(resources, value)) {
            return true;
        }
        int cut = Math.max(value.lastIndexOf('/'), value.lastIndexOf(':'));
        return cut >= 0 && has(resources, value.substring(cut + 1));
    }
}
