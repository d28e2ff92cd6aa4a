package io.tripline.enrich.topology;

import java.util.List;
import java.util.Objects;

import io.tripline.enrich.ocsf.OcsfActivity;
import io.tripline.schema.v1.FindingSource;
import io.tripline.schema.v1.RecordState;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.WorkflowStatus;

/**
 * The rule that makes one finding out of GuardDuty's record, Security Hub's copy and the echoes of
 * updates: versions are ordered by updatedAt (older ones are dropped), the GuardDuty record is the
 * content of record while Security Hub contributes the workflow status, and a version that changes
 * nothing an analyst would see (a re-delivery, a copy of the same version) produces no output.
 */
public final class FindingMerge {

    private FindingMerge() {
    }

    /** The version to publish, or null when {@code incoming} is stale or changes nothing. */
    public static FindingVersion merge(SecurityFinding stored, SecurityFinding incoming) {
        if (stored == null) {
            return new FindingVersion(incoming, closed(incoming) ? OcsfActivity.CLOSE : OcsfActivity.CREATE);
        }
        if (incoming.getUpdatedAt().isBefore(stored.getUpdatedAt())) {
            return null;
        }
        SecurityFinding merged;
        if (incoming.getSource() == FindingSource.SECURITY_HUB && stored.getSource() == FindingSource.GUARDDUTY) {
            // Security Hub's copy of a GuardDuty finding: keep GuardDuty's content, take the workflow.
            merged = SecurityFinding.newBuilder(stored)
                    .setWorkflowStatus(incoming.getWorkflowStatus())
                    .setRecordState(incoming.getRecordState() == RecordState.UNKNOWN ? stored.getRecordState()
                            : incoming.getRecordState())
                    .setUpdatedAt(incoming.getUpdatedAt())
                    .build();
        } else if (incoming.getSource() == FindingSource.GUARDDUTY && stored.getWorkflowStatus() != WorkflowStatus.UNKNOWN) {
            merged = SecurityFinding.newBuilder(incoming).setWorkflowStatus(stored.getWorkflowStatus()).build();
        } else {
            merged = incoming;
        }
        if (sameForAnAnalyst(stored, merged)) {
            return null;
        }
        return new FindingVersion(merged, closed(merged) ? OcsfActivity.CLOSE : OcsfActivity.UPDATE);
    }

    static boolean closed(SecurityFinding finding) {
        return finding.getRecordState() == RecordState.ARCHIVED
                || finding.getWorkflowStatus() == WorkflowStatus.RESOLVED
                || finding.getWorkflowStatus() == WorkflowStatus.SUPPRESSED;
    }

    /** GuardDuty has no workflow; Security Hub starts every finding at NEW: the two mean the same. */
    private static WorkflowStatus workflow(SecurityFinding finding) {
        return finding.getWorkflowStatus() == WorkflowStatus.UNKNOWN ? WorkflowStatus.NEW : finding.getWorkflowStatus();
    }

    private static boolean sameForAnAnalyst(SecurityFinding a, SecurityFinding b) {
        return a.getCount() == b.getCount()
                && a.getSeverity().getLabel() == b.getSeverity().getLabel()
                && a.getSeverity().getNormalized() == b.getSeverity().getNormalized()
                && a.getRecordState() == b.getRecordState()
                && workflow(a) == workflow(b)
                && a.getSample() == b.getSample()
                && Objects.equals(a.getTitle(), b.getTitle())
                && Objects.equals(List.copyOf(a.getTypes()), List.copyOf(b.getTypes()))
                && Objects.equals(a.getLastSeen(), b.getLastSeen());
    }
}
