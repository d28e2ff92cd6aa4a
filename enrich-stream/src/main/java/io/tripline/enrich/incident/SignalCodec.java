package io.tripline.enrich.incident;

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
        BinaryForm.Writer out = new BinaryForm.Writer(512);
        out.writeByte(FORMAT);
        out.string(s.id());
        out.string(s.kind());
        out.string(s.source());
        out.string(s.accountId());
        out.string(s.region());
        out.writeLong(s.time());
        out.writeLong(s.first());
        out.writeLong(s.last());
        out.string(s.entity());
        out.strings(s.aliases());
        out.string(s.name());
        out.string(s.title());
        out.strings(s.tactics());
        out.string(s.severity());
        out.writeBoolean(s.guardDutySeverity() != null);
        if (s.guardDutySeverity() != null) {
            out.writeDouble(s.guardDutySeverity());
        }
        out.writeLong(s.count());
        out.writeByte((s.sample() ? 1 : 0) | (s.closed() ? 2 : 0) | (s.opener() ? 4 : 0));
        out.map(s.assetTags());
        out.strings(s.evidence());
        out.strings(s.flags());
        out.map(s.detail());
        return out.toByteArray();
    }

    static Signal read(byte[] bytes) {
        BinaryForm.Reader in = new BinaryForm.Reader(bytes, "a signal");
        int format = in.readUnsignedByte();
        if (format != FORMAT) {
            throw new SerializationException("unknown signal format " + format);
        }
        String id = in.string();
        String kind = in.string();
        String source = in.string();
        String account = in.string();
        String region = in.string();
        long time = in.readLong();
        long first = in.readLong();
        long last = in.readLong();
        String entity = in.string();
        List<String> aliases = in.strings();
        String name = in.string();
        String title = in.string();
        List<String> tactics = in.strings();
        String severity = in.string();
        Double guardDuty = in.readBoolean() ? in.readDouble() : null;
        long count = in.readLong();
        int flagBits = in.readUnsignedByte();
        Map<String, String> tags = in.map();
        List<String> evidence = in.strings();
        List<String> flags = in.strings();
        Map<String, String> detail = in.map();
        return new Signal(id, kind, source, account, region, time, first, last, entity, aliases, name, title, tactics,
                severity, guardDuty, count, (flagBits & 1) != 0, (flagBits & 2) != 0, (flagBits & 4) != 0, tags, evidence,
                flags, detail);
    }
}
