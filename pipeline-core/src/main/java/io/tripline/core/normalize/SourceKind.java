package io.tripline.core.normalize;

/** The three source shapes Tripline takes in, each with exactly one normalizer. */
public enum SourceKind {
    CLOUDTRAIL, GUARDDUTY, SECURITYHUB
}
