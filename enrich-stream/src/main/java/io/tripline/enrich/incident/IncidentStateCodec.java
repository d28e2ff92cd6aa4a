package io.tripline.enrich.incident;

import static io.tripline.enrich.incident.BinaryForm.counts;
import static io.tripline.enrich.incident.BinaryForm.string;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            string(out, state.account);
            string(out, state.entity);
            out.writeBoolean(state.open);
            string(out, state.incidentId);
            out.writeLong(state.version);
            out.writeLong(state.due);
            out.writeLong(state.scheduled);
            out.writeLong(state.updatedAt);
            string(out, state.fingerprint);
            out.writeBoolean(state.dirty);
            out.writeLong(state.overflow);
            counts(out, state.repeats);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static IncidentState read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new SerializationException("unknown incident state format " + format);
            }
            IncidentState state = new IncidentState();
            state.account = string(in);
            state.entity = string(in);
            state.open = in.readBoolean();
            state.incidentId = string(in);
            state.version = in.readLong();
            state.due = in.readLong();
            state.scheduled = in.readLong();
            state.updatedAt = in.readLong();
            state.fingerprint = string(in);
            state.dirty = in.readBoolean();
            state.overflow = in.readLong();
            state.repeats = counts(in);
            return state;
        } catch (IOException e) {
            throw new SerializationException("cannot read an incident state", e);
        }
    }
}
