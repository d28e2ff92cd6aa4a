package io.tripline.simulator.cloudtrail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripline.simulator.core.SimJson;
import java.time.Instant;

/** One trail (CreateTrail) with its logging state; mutable under its state's lock. */
public final class Trail {

    final String name;
    final String arn;
    final String homeRegion;
    final String s3BucketName;
    final String s3KeyPrefix;
    final boolean multiRegion;
    final boolean includeGlobalServiceEvents;
    final boolean logFileValidation;
    boolean logging;
    Instant startLoggingTime;
    Instant stopLoggingTime;

    Trail(String name, String arn, String homeRegion, String s3BucketName, String s3KeyPrefix, boolean multiRegion,
          boolean includeGlobalServiceEvents, boolean logFileValidation) {
        this.name = name;
        this.arn = arn;
        this.homeRegion = homeRegion;
        this.s3BucketName = s3BucketName;
        this.s3KeyPrefix = s3KeyPrefix;
        this.multiRegion = multiRegion;
        this.includeGlobalServiceEvents = includeGlobalServiceEvents;
        this.logFileValidation = logFileValidation;
    }

    public String name() {
        return name;
    }

    public boolean logging() {
        return logging;
    }

    /** The trail as DescribeTrails / CreateTrail answer it. */
    public ObjectNode toJson() {
        ObjectNode n = SimJson.object();
        n.put("Name", name).put("S3BucketName", s3BucketName);
        if (s3KeyPrefix != null) {
            n.put("S3KeyPrefix", s3KeyPrefix);
        }
        n.put("IncludeGlobalServiceEvents", includeGlobalServiceEvents).put("IsMultiRegionTrail", multiRegion)
                .put("HomeRegion", homeRegion).put("TrailARN", arn)
                .put("LogFileValidationEnabled", logFileValidation).put("HasCustomEventSelectors", false)
                .put("HasInsightSelectors", false).put("IsOrganizationTrail", false);
        return n;
    }
}
