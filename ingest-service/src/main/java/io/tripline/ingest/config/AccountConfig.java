package io.tripline.ingest.config;

import java.util.ArrayList;
import java.util.List;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * One monitored AWS account ({@code tripline.ingest.accounts[n]}): its id, the role to assume (none
 * means the default credential chain, i.e. the local account), the regions and the sources to run, and
 * the SQS queues of the push paths.
 */
@EachProperty(value = "tripline.ingest.accounts", list = true)
public class AccountConfig {

    private final int index;
    private String id;
    private String roleArn;
    private String externalId;
    private List<String> regions = new ArrayList<>();
    private List<String> sources = new ArrayList<>();
    private String s3QueueUrl;
    private String eventsQueueUrl;

    public AccountConfig(@Parameter Integer index) {
        this.index = index == null ? 0 : index;
    }

    /** The configuration key of this entry, for error messages. */
    public String key() {
        return "tripline.ingest.accounts[" + index + "]";
    }

    public int index() {
        return index;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRoleArn() {
        return roleArn;
    }

    public void setRoleArn(String roleArn) {
        this.roleArn = roleArn;
    }

    public String getExternalId() {
        return externalId;
    }

    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    public List<String> getRegions() {
        return regions;
    }

    public void setRegions(List<String> regions) {
        this.regions = regions == null ? new ArrayList<>() : regions;
    }

    public List<String> getSources() {
        return sources;
    }

    public void setSources(List<String> sources) {
        this.sources = sources == null ? new ArrayList<>() : sources;
    }

    public String getS3QueueUrl() {
        return s3QueueUrl;
    }

    public void setS3QueueUrl(String s3QueueUrl) {
        this.s3QueueUrl = s3QueueUrl;
    }

    public String getEventsQueueUrl() {
        return eventsQueueUrl;
    }

    public void setEventsQueueUrl(String eventsQueueUrl) {
        this.eventsQueueUrl = eventsQueueUrl;
    }
}
