package io.tripline.respond.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.tripline.schema.v1.ActionState;
import io.tripline.schema.v1.RemediationAction;

/**
 * A ledger whose producer fails beyond aborting (as a broker restart can leave a transaction) writes again with a
 * new producer; one fenced by another instance stays fenced; an abortable failure keeps its producer.
 */
class KafkaLedgerRecoveryTest {

    private static final Serializer<RemediationAction> VALUES = (topic, action) -> action.getActionId().getBytes();

    private final List<MockProducer<String, RemediationAction>> producers = new ArrayList<>();
    private final KafkaLedger ledger = new KafkaLedger("t.", () -> {
        MockProducer<String, RemediationAction> producer = new MockProducer<>(true, null, new StringSerializer(), VALUES);
        producers.add(producer);
        return producer;
    });

    @Test
    void shouldStartANewProducerWhenTheOldOneCannotAbort() {
        ledger.record(action());
        MockProducer<String, RemediationAction> broken = producers.get(0);
        broken.commitTransactionException = new InvalidTxnStateException("the transaction is in an invalid state");
        broken.abortTransactionException = new KafkaException("Cannot execute transactional method because we are in an error state");

        assertThatThrownBy(() -> ledger.record(action())).isInstanceOf(LedgerException.class)
                .satisfies(e -> assertThat(((LedgerException) e).fatal()).isFalse());
        assertThat(broken.closed()).isTrue();

        RemediationAction written = ledger.record(action());
        assertThat(producers).hasSize(2);
        MockProducer<String, RemediationAction> fresh = producers.get(1);
        assertThat(fresh.transactionInitialized()).isTrue();
        assertThat(fresh.transactionCommitted()).isTrue();
        assertThat(fresh.history()).extracting(r -> r.topic()).containsExactly("t.tripline.remediation.actions",
                "t.tripline.remediation.audit");
        // The failed transition left no trace in the chain: the next one follows the last written.
        assertThat(written.getSequence()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheProducerAfterAFailureItCanAbort() {
        producers.clear();
        ledger.record(action());
        MockProducer<String, RemediationAction> producer = producers.get(0);
        producer.commitTransactionException = new KafkaException("request timed out");

        assertThatThrownBy(() -> ledger.record(action())).isInstanceOf(LedgerException.class);
        assertThat(producer.transactionAborted()).isTrue();
        producer.commitTransactionException = null;
        assertThat(ledger.record(action()).getSequence()).isEqualTo(2);
        assertThat(producers).hasSize(1);
        assertThat(producer.closed()).isFalse();
    }

    @Test
    void shouldStayFencedWhenAnotherInstanceTookTheTransactionalId() {
        ledger.record(action());
        MockProducer<String, RemediationAction> producer = producers.get(0);
        producer.fenceProducer(); // from now on it throws ProducerFencedException, as a fenced KafkaProducer does

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> ledger.record(action())).isInstanceOf(LedgerException.class)
                    .hasCauseInstanceOf(ProducerFencedException.class)
                    .satisfies(e -> assertThat(((LedgerException) e).fatal()).isTrue());
        }
        assertThat(producers).hasSize(1);
    }

    private static RemediationAction action() {
        return AuditChainTest.action(ActionState.PROPOSED, new HashMap<>());
    }
}
