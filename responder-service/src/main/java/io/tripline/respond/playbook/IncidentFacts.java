package io.tripline.respond.playbook;

import java.util.Map;
import java.util.Set;

/**
 * What a playbook can match an incident on: the incident's own fields plus what its member findings
 * and detections add (finding types, rule ids, resource tags).
 */
public record IncidentFacts(String incidentId, Set<String> findingTypes, Set<String> ruleIds, Set<String> tactics,
                            int riskScore, String resourceType, String accountId, String region,
                            Map<String, String> tags) {
}
