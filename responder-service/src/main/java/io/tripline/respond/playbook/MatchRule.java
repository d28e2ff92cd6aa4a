package io.tripline.respond.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One match rule of a playbook. Every criterion given must hold (AND); within a list any value may
 * match (OR); {@code *} and {@code ?} are wildcards in finding types, rule ids and resource types.
 */
public class MatchRule {

    private List<String> findingTypes = new ArrayList<>();
    private List<String> ruleIds = new ArrayList<>();
    private List<String> tactics = new ArrayList<>();
    private Integer minRiskScore;
    private List<String> resourceTypes = new ArrayList<>();
    private List<String> accounts = new ArrayList<>();
    private List<String> regions = new ArrayList<>();
    private Map<String, String> tags = new LinkedHashMap<>();

    public boolean matches(IncidentFacts facts) {
        return (findingTypes.isEmpty() || facts.findingTypes().stream().anyMatch(t -> anyGlob(findingTypes, t)))
                && (ruleIds.isEmpty() || facts.ruleIds().stream().anyMatch(r -> anyGlob(ruleIds, r)))
                && (tactics.isEmpty() || facts.tactics().stream().anyMatch(t -> tactics.stream().anyMatch(t::equalsIgnoreCase)))
                && (minRiskScore == null || facts.riskScore() >= minRiskScore)
                && (resourceTypes.isEmpty() || facts.resourceType() != null && anyGlob(resourceTypes, facts.resourceType()))
                && (accounts.isEmpty() || accounts.contains(facts.accountId()))
                && (regions.isEmpty() || facts.region() != null && anyGlob(regions, facts.region()))
                && tags.entrySet().stream().allMatch(e -> e.getValue().equals(facts.tags().get(e.getKey())));
    }

    static boolean anyGlob(List<String> patterns, String value) {
        return patterns.stream().anyMatch(p -> glob(p).matcher(value).matches());
    }

    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    public List<String> getFindingTypes() {
        return findingTypes;
    }

    public void setFindingTypes(List<String> findingTypes) {
        this.findingTypes = findingTypes;
    }

    public List<String> getRuleIds() {
        return ruleIds;
    }

    public void setRuleIds(List<String> ruleIds) {
        this.ruleIds = ruleIds;
    }

    public List<String> getTactics() {
        return tactics;
    }

    public void setTactics(List<String> tactics) {
        this.tactics = tactics;
    }

    public Integer getMinRiskScore() {
        return minRiskScore;
    }

    public void setMinRiskScore(Integer minRiskScore) {
        if (minRiskScore != null && (minRiskScore < 0 || minRiskScore > 100)) {
            throw new IllegalArgumentException("minRiskScore must be between 0 and 100, got " + minRiskScore);
        }
        this.minRiskScore = minRiskScore;
    }

    public List<String> getResourceTypes() {
        return resourceTypes;
    }

    public void setResourceTypes(List<String> resourceTypes) {
        this.resourceTypes = resourceTypes;
    }

    public List<String> getAccounts() {
        return accounts;
    }

    public void setAccounts(List<String> accounts) {
        for (String account : accounts) {
            if (!account.matches("\\d{12}")) {
                throw new IllegalArgumentException("accounts: '" + account + "' is not a 12-digit account id");
            }
        }
        this.accounts = accounts;
    }

    public List<String> getRegions() {
        return regions;
    }

    public void setRegions(List<String> regions) {
        this.regions = regions;
    }

    public Map<String, String> getTags() {
        return tags;
    }

    public void setTags(Map<String, String> tags) {
        this.tags = tags;
    }
}
