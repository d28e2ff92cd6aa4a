package io.tripline.respond.ledger;

import java.util.Map;
import java.util.Optional;

import io.tripline.schema.v1.RemediationAction;

/**
 * Checks the audit chain of a topic from its first record: sequences contiguous, each
 * {@code previousHash} equal to the hash before it, each {@code hash} equal to the recomputed one.
 * Names the first broken record.
 */
public final class AuditVerifier {

    /** The outcome: records checked, and the first break if any. */
    public record Result(long checked, Optional<String> firstBreak) {
        public boolean intact() {
            return firstBreak.isEmpty();
        }
    }

    private AuditVerifier() {
    }

    public static Result verify(Map<String, Object> clientConfig, Map<String, Object> serdeConfig, String topic) {
        long[] checked = {0};
        String[] previous = {AuditChain.GENESIS};
        long[] expectedSequence = {1};
        String[] firstBreak = {null};
        KafkaLedger.readToEnd(clientConfig, serdeConfig, topic, record -> {
            if (firstBreak[0] != null) {
                return;
            }
            checked[0]++;
            String problem = check(record.value(), previous[0], expectedSequence[0]);
            if (problem != null) {
                firstBreak[0] = "offset " + record.offset() + " (sequence " + record.value().getSequence() + ", action "
                        + record.value().getActionId() + ", state " + record.value().getState() + "): " + problem;
            }
            previous[0] = record.value().getHash();
            expectedSequence[0] = record.value().getSequence() + 1;
        });
        return new Result(checked[0], Optional.ofNullable(firstBreak[0]));
    }

    /** Null when {@code record} correctly follows {@code previousHash}; otherwise what is wrong. */
    static String check(RemediationAction record, String previousHash, long expectedSequence) {
        if (record.getSequence() != expectedSequence) {
            return "sequence " + record.getSequence() + " where " + expectedSequence + " was expected (record missing or reordered)";
        }
        if (!previousHash.equals(record.getPreviousHash())) {
            return "previousHash does not match the hash of the record before it";
        }
        RemediationAction copy = RemediationAction.newBuilder(record).setHash(null).build();
        if (!AuditChain.hash(copy).equals(record.getHash())) {
            return "hash does not match the record's content (record altered)";
        }
        return null;
    }
}
