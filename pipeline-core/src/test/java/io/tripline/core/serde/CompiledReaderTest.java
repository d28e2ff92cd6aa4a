package io.tripline.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.tripline.core.testing.FuzzRun;
import io.tripline.schema.v1.Detection;
import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.SecurityFinding;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.schema.v1.testing.WideUnionRecord;

/**
 * The deserializer's compiled reader gives the records Avro's SpecificDatumReader gives, of the same classes, for
 * seeded random records of every schema the schemas module generates and for the normalized sample corpus; it
 * refuses truncated and corrupted bytes as Avro's reader does, with a SerializationException and no huge
 * allocation; and a writer schema that is not the class's own is still resolved by Avro's reader.
 */
class CompiledReaderTest {

    /** Random records per generated schema; rerun with -Dtripline.fuzz.seed=N for other ones. */
    private static final int RECORDS_PER_SCHEMA = 2_000;

    static List<Class<? extends SpecificRecordBase>> generatedRecords() {
        return GeneratedSchemas.recordClasses();
    }

    static List<Class<? extends SpecificRecordBase>> hotRecords() {
        return List.of(TrailEvent.class, SecurityFinding.class, Detection.class, Incident.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedRecords")
    void shouldReadRandomRecordsAsAvrosReaderDoes(Class<? extends SpecificRecordBase> type) {
        Schema schema = SpecificData.getForClass(type).getSchema(type);
        SpecificData model = SpecificData.getForSchema(schema);
        FuzzRun run = FuzzRun.of("compiled-reader." + type.getSimpleName());
        RandomRecords records = new RandomRecords(run.random(), model, true);
        ReaderParity<Object> parity = new ReaderParity<>(type);
        for (int i = 0; i < RECORDS_PER_SCHEMA; i++) {
            IndexedRecord random = (IndexedRecord) records.next(schema);
            // Every tenth in blocks with byte sizes, as Avro's blocking encoder writes arrays and maps.
            byte[] bytes = i % 10 == 9 ? parity.serializeBlocked("t", random) : parity.serialize("t", random);
            Object record = parity.check(bytes, run.reproduce() + ", record " + i);
            assertThat(record).isInstanceOf(type);
        }
        run.add("read", parity.read());
        run.report();
        assertThat(parity.read()).as(run.reproduce()).isEqualTo(RECORDS_PER_SCHEMA);
        assertThat(parity.compiled().readsCompiled(1)).as("%s is read by the compiled reader", type.getSimpleName()).isTrue();
    }

    @Test
    void shouldReadTheNormalizedCorpusAsAvrosReaderDoes() {
        for (String source : List.of("cloudtrail", "guardduty", "securityhub")) {
            List<SpecificRecord> records = SampleRecords.corpus(source);
            ReaderParity<Object> parity = new ReaderParity<>(records.get(0).getClass());
            for (int i = 0; i < records.size(); i++) {
                parity.check(parity.serialize("t", (IndexedRecord) records.get(i)), source + " record " + i);
            }
            assertThat(parity.read()).as(source).isEqualTo(records.size()).isGreaterThan(20);
            assertThat(parity.compiled().readsCompiled(1)).isTrue();
        }
    }

    /** Every truncation of some records, and random byte changes of many: both readers agree on each. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hotRecords")
    void shouldRefuseTruncatedAndCorruptedBytesAsAvrosReaderDoes(Class<? extends SpecificRecordBase> type) {
        Schema schema = SpecificData.getForClass(type).getSchema(type);
        FuzzRun run = FuzzRun.of("compiled-reader.corrupt." + type.getSimpleName());
        Random random = run.random();
        RandomRecords records = new RandomRecords(random, SpecificData.getForSchema(schema), true);
        ReaderParity<Object> parity = new ReaderParity<>(type);
        for (int i = 0; i < 200; i++) {
            byte[] valid = parity.serialize("t", (IndexedRecord) records.next(schema));
            String what = run.reproduce() + ", record " + i;
            if (i < 10) {
                for (int length = WireFormat.HEADER_SIZE; length < Math.min(valid.length, 400); length++) {
                    assertThat(parity.check(Arrays.copyOf(valid, length), what + " cut to " + length)).isNull();
                }
            }
            for (int change = 0; change < 20; change++) {
                byte[] corrupt = valid.clone();
                int changes = 1 + random.nextInt(3);
                for (int c = 0; c < changes; c++) {
                    int at = WireFormat.HEADER_SIZE + random.nextInt(valid.length - WireFormat.HEADER_SIZE);
                    corrupt[at] = random.nextBoolean() ? (byte) (corrupt[at] ^ (1 << random.nextInt(8))) : (byte) random.nextInt(256);
                }
                parity.check(corrupt, what + " change " + change);
            }
            assertThat(parity.check(Arrays.copyOf(valid, valid.length + 1 + random.nextInt(8)), what + " trailing")).isNull();
        }
        run.add("read", parity.read());
        run.add("refused", parity.refused());
        run.report();
        assertThat(parity.refused()).as(run.reproduce()).isGreaterThan(200);
    }

    @Test
    void shouldRefuseAStringLengthOfTwoGigabytesWithoutAllocatingIt() {
        ReaderParity<TrailEvent> parity = new ReaderParity<>(TrailEvent.class);
        byte[] valid = parity.serialize("t", (IndexedRecord) SampleRecords.corpus("cloudtrail").get(0));
        // TrailEvent starts with the eventId string: claim 2^31-1 bytes for it, then 2^31-9 (Avro's largest array).
        for (long claimed : new long[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 8, 1 << 30, -5}) {
            byte[] bytes = concat(Arrays.copyOf(valid, WireFormat.HEADER_SIZE), varint(claimed), new byte[] {'a', 'b'});
            assertThat(parity.check(bytes, "string length " + claimed)).isNull();
            assertThatThrownBy(() -> parity.compiled().deserialize("tripline.raw.cloudtrail", bytes))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("could not decode Avro on tripline.raw.cloudtrail")
                    .hasMessageContaining("string length " + (claimed < 0 ? "is negative" : claimed));
        }
    }

    @Test
    void shouldRefuseAnArrayCountTheBytesCannotHoldWithoutAllocatingIt() {
        ReaderParity<Detection> parity = new ReaderParity<>(Detection.class);
        Detection detection = SampleRecords.detection(1);
        byte[] valid = parity.serialize("t", detection);
        // Detection: three strings and an enum, then the tags array; count 2^40 items, and 2^31-1.
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        prefix.writeBytes(Arrays.copyOf(valid, WireFormat.HEADER_SIZE));
        for (String text : List.of(detection.getDetectionId(), detection.getRuleId(), detection.getRuleTitle())) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            prefix.writeBytes(varint(utf8.length));
            prefix.writeBytes(utf8);
        }
        prefix.writeBytes(varint(detection.getLevel().ordinal()));
        for (long claimed : new long[] {1L << 40, Integer.MAX_VALUE, -(1L << 40)}) {
            byte[] bytes = concat(prefix.toByteArray(), varint(claimed), varint(3), new byte[] {2, 'x'});
            assertThat(parity.check(bytes, "array count " + claimed)).isNull();
            assertThatThrownBy(() -> parity.compiled().deserialize("t", bytes))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("array item count");
        }
    }

    @Test
    void shouldResolveAnOlderWriterSchemaWithAvrosReader() {
        // Incident before eventMembers was added (schemas/baseline/Incident.avsc has it that way).
        Schema current = Incident.getClassSchema();
        List<Schema.Field> older = new ArrayList<>();
        current.getFields().stream().filter(f -> !f.name().equals("eventMembers")).forEach(f -> older.add(new Schema.Field(f, f.schema())));
        Schema olderSchema = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, older);

        Incident incident = SampleRecords.incident(3, 5);
        GenericRecord written = asGeneric(incident, olderSchema);
        assertThat(written.getSchema().getField("eventMembers")).isNull();
        ReaderParity<Incident> parity = new ReaderParity<>(Incident.class);
        byte[] bytes = parity.serialize("t", written);

        Incident read = parity.check(bytes, "older Incident");
        assertThat(parity.compiled().readsCompiled(1)).as("an older writer schema is resolved by Avro's reader").isFalse();
        assertThat(read.getEventMembers()).isEmpty();
        assertThat(read.getIncidentId()).isEqualTo(incident.getIncidentId());
        assertThat(read.getMembers()).isEqualTo(incident.getMembers());
    }

    /** What a producer outside Tripline may register: the .avsc without Java hints, or without logical types. */
    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {",\"avro.java.string\":\"String\"", ",\"logicalType\":\"timestamp-millis\""})
    void shouldReadTheClassSchemaRegisteredWithoutHintsWithTheCompiledReader(String hint) {
        Schema plain = new Schema.Parser().parse(Detection.getClassSchema().toString().replace(hint, ""));
        assertThat(plain.toString()).doesNotContain(hint);
        ReaderParity<Detection> parity = new ReaderParity<>(Detection.class);
        Detection read = parity.check(parity.serialize("t", asGeneric(SampleRecords.detection(7), plain)), "Detection without " + hint);
        assertThat(parity.compiled().readsCompiled(1)).isTrue();
        assertThat(read).isEqualTo(SampleRecords.detection(7));
    }

    @Test
    void shouldKeepAvrosReaderForAUnionItDoesNotCompile() {
        assertThat(CompiledReader.<Object>of(WideUnionRecord.SCHEMA$, SpecificData.getForSchema(WideUnionRecord.SCHEMA$))).isNull();
        ReaderParity<WideUnionRecord> parity = new ReaderParity<>(WideUnionRecord.class);
        assertThat(parity.check(parity.serialize("t", new WideUnionRecord("c", -7L)), "long branch"))
                .isEqualTo(new WideUnionRecord("c", -7L));
        assertThat(parity.compiled().readsCompiled(1)).isFalse();
    }

    /** {@code record} as a GenericRecord of {@code schema}, by Avro's own writing and resolving reading. */
    private static GenericRecord asGeneric(SpecificRecordBase record, Schema schema) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<>(record.getSchema(), SpecificData.getForSchema(record.getSchema())).write(record, encoder);
            encoder.flush();
            return new GenericDatumReader<GenericRecord>(record.getSchema(), schema, GenericData.get())
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
