package io.tripline.enrich.incident;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * A compact binary form of the per-entity {@link IncidentState} header for the {@code incident-state} store, which
 * is written again for nearly every signal: a format byte, then the fields in a fixed order ({@link BinaryForm}),
 * so equal states have equal bytes. Headers an earlier version wrote as JSON (they start with '{') are still read,
 * through {@link JsonCodec}. The signals are stored apart ({@link SignalCodec}).
 */
final class IncidentStateCodec {

    private static final int FORMAT = 1;

    private IncidentStateCodec() {
    }

    static Serde<IncidentState> serde() {
        return BinaryForm.serde(IncidentState.class, IncidentStateCodec::write, IncidentStateCodec::read);
    }

    static byte[] write(IncidentState state) {
        BinaryForm.Writer out = new BinaryForm.Writer(256);
        out.writeByte(FORMAT);
        out.string(state.account);
        out.string(state.entity);
        out.writeBoolean(state.open);
        out.string(state.incidentId);
        out.writeLong(state.version);
        out.writeLong(state.due);
        out.writeLong(state.scheduled);
        out.writeLong(state.updatedAt);
        out.string(state.fingerprint);
        out.writeBoolean(state.dirty);
        out.writeLong(state.overflow);
        out.counts(state.repeats);
        return out.toByteArray();
    }

    static IncidentState read(byte[] bytes) {
        BinaryForm.Reader in = new BinaryForm.Reader(bytes, "an incident state");
        int format = in.readUnsignedByte();
        if (format != FORMAT) {
            throw new SerializationException("unknown incident state format " + format);
        }
        IncidentState state = new IncidentState();
        state.account = in.string();
        state.entity = in.string();
        state.open = in.readBoolean();
        state.incidentId = in.string();
        state.version = in.readLong();
        state.due = in.readLong();
        state.scheduled = in.readLong();
        state.updatedAt = in.readLong();
        state.fingerprint = in.string();
        state.dirty = in.readBoolean();
        state.overflow = in.readLong();
        state.repeats = in.counts();
        return state;
    }
}
