package io.tripline.enrich.incident;

import static io.tripline.enrich.incident.BinaryForm.map;
import static io.tripline.enrich.incident.BinaryForm.string;
import static io.tripline.enrich.incident.BinaryForm.strings;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * A compact binary form of {@link Signal} for the stage's repartition topic and signal store, where every
 * signal is written and read at least twice: a format byte, then the fields in declaration order
 * ({@link BinaryForm}: strings as length and UTF-8, maps with sorted keys), so equal signals have equal bytes. Records an
 * earlier version wrote as JSON (they start with '{') are still read, through {@link JsonCodec}.
 */
final class SignalCodec {

    private static final int FORMAT = 1;

    private SignalCodec() {
    }

    static Serde<Signal> serde() {
        return BinaryForm.serde(Signal.class, SignalCodec::write, SignalCodec::read);
    }

    static byte[] write(Signal s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            string(out, s.id());
            string(out, s.kind());
            string(out, s.source());
            string(out, s.accountId());
            string(out, s.region());
            out.writeLong(s.time());
            out.writeLong(s.first());
            out.writeLong(s.last());
            string(out, s.entity());
            strings(out, s.aliases());
            string(out, s.name());
            string(out, s.title());
            strings(out, s.tactics());
            string(out, s.severity());
            out.writeBoolean(s.guardDutySeverity() != null);
            if (s.guardDutySeverity() != null) {
                out.writeDouble(s.guardDutySeverity());
            }
            out.writeLong(s.count());
            out.writeByte((s.sample() ? 1 : 0) | (s.closed() ? 2 : 0) | (s.opener() ? 4 : 0));
            map(out, s.assetTags());
            strings(out, s.evidence());
            strings(out, s.flags());
            map(out, s.detail());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static Signal read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new SerializationException("unknown signal format " + format);
            }
            String id = string(in);
            String kind = string(in);
            String source = string(in);
            String account = string(in);
            String region = string(in);
            long time = in.readLong();
            long first = in.readLong();
            long last = in.readLong();
            String entity = string(in);
            List<String> aliases = strings(in);
            String name = string(in);
            String title = string(in);
            List<String> tactics = strings(in);
            String severity = string(in);
            Double guardDuty = in.readBoolean() ? in.readDouble() : null;
            long count = in.readLong();
            int flagBits = in.readUnsignedByte();
            Map<String, String> tags = map(in);
            List<String> evidence = strings(in);
            List<String> flags = strings(in);
            Map<String, String> detail = map(in);
            return new Signal(id, kind, source, account, region, time, first, last, entity, aliases, name, title, tactics,
                    severity, guardDuty, count, (flagBits & 1) != 0, (flagBits & 2) != 0, (flagBits & 4) != 0, tags, evidence,
                    flags, detail);
        } catch (IOException e) {
            throw new SerializationException("cannot read a signal", e);
        }
    }
}
