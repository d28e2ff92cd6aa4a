package io.tripline.core.normalize;

import org.apache.avro.specific.SpecificRecord;

/**
 * The three normalizers behind one call: {@code normalize(item)} turns a {@link SourceItem} into a
 * {@code SecurityFinding} (GuardDuty, Security Hub) or a {@code TrailEvent} (CloudTrail).
 */
public final class Normalizers {

    private final GuardDutyNormalizer guardDuty = new GuardDutyNormalizer();
    private final AsffNormalizer asff = new AsffNormalizer();
    private final CloudTrailNormalizer cloudTrail = new CloudTrailNormalizer();

    public SpecificRecord normalize(SourceItem item) {
        return switch (item.kind()) {
            case GUARDDUTY -> guardDuty.normalize(item.json());
            case SECURITYHUB -> asff.normalize(item.json());
            case CLOUDTRAIL -> cloudTrail.normalize(item.json());
        };
    }

    public GuardDutyNormalizer guardDuty() {
        return guardDuty;
    }

    public AsffNormalizer asff() {
        return asff;
    }

    public CloudTrailNormalizer cloudTrail() {
        return cloudTrail;
    }
}
