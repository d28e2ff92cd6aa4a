package io.tripline.enrich.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The binary form of the per-entity state header: every field survives, and headers stored as JSON still read. */
class IncidentStateCodecTest {

    private final Serde<IncidentState> serde = IncidentStateCodec.serde();

    @Test
    void shouldReadBackEveryFieldOfAnOpenIncidentsHeader() {
        IncidentState state = open();

        IncidentState read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));

        assertThat(read).usingRecursiveComparison().isEqualTo(state);
        assertThat(serde.serializer().serialize("t", read)).isEqualTo(serde.serializer().serialize("t", state));
    }

    @Test
    void shouldReadBackAPendingHeaderWithoutAnIncident() {
        IncidentState pending = IncidentState.pending("111122223333", "ACCOUNT:111122223333");

        IncidentState read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", pending));

        assertThat(read).usingRecursiveComparison().isEqualTo(pending);
        assertThat(read.incidentId).isNull();
        assertThat(read.due).isEqualTo(-1);
    }

    @Test
    void shouldStillReadHeadersAnEarlierVersionWroteAsJson() {
        IncidentState state = open();
        byte[] json = JsonCodec.serde(IncidentState.class).serializer().serialize("t", state);

        assertThat(serde.deserializer().deserialize("t", json)).usingRecursiveComparison().isEqualTo(state);
    }

    @Test
    void shouldRejectBytesOfAnUnknownFormat() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {7, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown incident state format 7");
    }

    private static IncidentState open() {
        IncidentState state = IncidentState.pending("111122223333", "INSTANCE:i-0abc");
        state.open = true;
        state.incidentId = "inc-0123456789abcdef0123456789abcdef";
        state.version = 4;
        state.due = 1_000_000;
        state.scheduled = 900_000;
        state.updatedAt = 800_000;
        state.fingerprint = "ab".repeat(32);
        state.dirty = true;
        state.overflow = 3;
        state.repeats.put("ListBuckets|OUTSIDE_IP|203.0.113.7|", 12L);
        state.repeats.put("ConsoleLogin|LOGIN_FAILURE|198.51.100.1|", 2L);
        return state;
    }
}
