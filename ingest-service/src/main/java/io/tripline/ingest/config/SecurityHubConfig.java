package io.tripline.ingest.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Security Hub poller settings ({@code tripline.ingest.securityhub}): overlap, page size (AWS maximum
 * 100), the GetFindings rate per account-region (AWS: 3/s), and the filters that select the view, e.g.
 * record-states [ACTIVE], workflow-statuses [NEW, NOTIFIED], severity-labels [CRITICAL]; empty = all.
 */
@ConfigurationProperties("tripline.ingest.securityhub")
public class SecurityHubConfig {

    private Duration overlap = Duration.ofMinutes(5);
    private int pageSize = 100;
    private double requestsPerSecond = 3.0;
    private int maxRecentIds = 5000;
    private List<String> recordStates = new ArrayList<>();
    private List<String> workflowStatuses = new ArrayList<>();
    private List<String> severityLabels = new ArrayList<>();
    private List<String> complianceStatuses = new ArrayList<>();

    public Duration getOverlap() {
        return overlap;
    }

    public void setOverlap(Duration overlap) {
        this.overlap = overlap;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public double getRequestsPerSecond() {
        return requestsPerSecond;
    }

    public void setRequestsPerSecond(double requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    public int getMaxRecentIds() {
        return maxRecentIds;
    }

    public void setMaxRecentIds(int maxRecentIds) {
        this.maxRecentIds = maxRecentIds;
    }

    public List<String> getRecordStates() {
        return recordStates;
    }

    public void setRecordStates(List<String> recordStates) {
        this.recordStates = recordStates;
    }

    public List<String> getWorkflowStatuses() {
        return workflowStatuses;
    }

    public void setWorkflowStatuses(List<String> workflowStatuses) {
        this.workflowStatuses = workflowStatuses;
    }

    public List<String> getSeverityLabels() {
        return severityLabels;
    }

    public void setSeverityLabels(List<String> severityLabels) {
        this.severityLabels = severityLabels;
    }

    public List<String> getComplianceStatuses() {
        return complianceStatuses;
    }

    public void setComplianceStatuses(List<String> complianceStatuses) {
        this.complianceStatuses = complianceStatuses;
    }
}
