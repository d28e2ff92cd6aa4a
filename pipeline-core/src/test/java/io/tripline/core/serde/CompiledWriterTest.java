package io.tripline.core.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.tripline.core.testing.FuzzRun;
import io.tripline.schema.v1.testing.WideUnionRecord;

/**
 * The compiled writer writes exactly the bytes of {@code SpecificDatumWriter} with the generated class's model:
 * for seeded random records of every schema the schemas module generates, for the records the normalizers make
 * of the sample corpus, and for GenericRecords of those schemas, which it hands to Avro's writer. A schema it
 * cannot compile keeps Avro's writer.
 */
class CompiledWriterTest {

    /** Random records per generated schema; rerun with -Dtripline.fuzz.seed=N for other ones. */
    private static final int RECORDS_PER_SCHEMA = 2_000;

    static List<Class<? extends SpecificRecordBase>> generatedRecords() {
        return GeneratedSchemas.recordClasses();
    }

    @Test
    void shouldFindEveryTopLevelSchemaOfTheSchemasModule() {
        assertThat(generatedRecords()).extracting(Class::getSimpleName).contains("TrailEvent", "SecurityFinding",
                "Detection", "Incident", "RemediationAction", "IngestCursor", "DeadLetter");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedRecords")
    void shouldWriteTheBytesOfSpecificDatumWriterForRandomRecords(Class<? extends SpecificRecordBase> type) {
        Schema schema = SpecificData.getForClass(type).getSchema(type);
        SpecificData model = SpecificData.getForSchema(schema);
        DatumWriter<Object> compiled = CompiledWriter.of(schema, model);
        assertThat(CompiledWriter.isCompiled(compiled)).as("%s compiles", schema.getFullName()).isTrue();

        FuzzRun run = FuzzRun.of("compiled-writer." + type.getSimpleName());
        RandomRecords records = new RandomRecords(run.random(), model, true);
        WriterParity parity = new WriterParity(schema, model, compiled);
        for (int i = 0; i < RECORDS_PER_SCHEMA; i++) {
            Object record = records.next(schema);
            assertThat(record).isInstanceOf(type);
            parity.check(record, run.reproduce() + ", record " + i);
        }
        run.add("written", parity.written());
        run.add("refused", parity.refused());
        run.report();
        assertThat(parity.written()).as(run.reproduce()).isEqualTo(RECORDS_PER_SCHEMA);
        assertThat(records.unseen(schema)).as("shapes the random records did not reach, " + run.reproduce()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedRecords")
    void shouldHandGenericRecordsOfAGeneratedSchemaToAvrosWriter(Class<? extends SpecificRecordBase> type) {
        Schema schema = SpecificData.getForClass(type).getSchema(type);
        SpecificData model = SpecificData.getForSchema(schema);
        FuzzRun run = FuzzRun.of("compiled-writer.generic." + type.getSimpleName());
        RandomRecords records = new RandomRecords(run.random(), GenericData.get(), false);
        WriterParity parity = new WriterParity(schema, model, CompiledWriter.of(schema, model));
        for (int i = 0; i < 300; i++) {
            Object record = records.next(schema);
            assertThat(record).isInstanceOf(GenericData.Record.class);
            parity.check(record, run.reproduce() + ", generic record " + i);
        }
        assertThat(parity.written()).as(run.reproduce()).isEqualTo(300);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cloudtrail", "guardduty", "securityhub"})
    void shouldWriteTheBytesOfSpecificDatumWriterForTheNormalizedCorpus(String source) {
        List<SpecificRecord> records = SampleRecords.corpus(source);
        for (int i = 0; i < records.size(); i++) {
            Schema schema = records.get(i).getSchema();
            SpecificData model = SpecificData.getForSchema(schema);
            new WriterParity(schema, model, CompiledWriter.of(schema, model)).check(records.get(i), source + " record " + i);
        }
        assertThat(records).as("corpus records of %s", source).hasSizeGreaterThan(20);
    }

    @Test
    void shouldKeepAvrosWriterForAUnionItDoesNotCompile() {
        Schema schema = WideUnionRecord.SCHEMA$;
        SpecificData model = SpecificData.getForSchema(schema);
        DatumWriter<Object> writer = CompiledWriter.of(schema, model);
        assertThat(CompiledWriter.isCompiled(writer)).isFalse();

        WriterParity parity = new WriterParity(schema, model, writer);
        parity.check(new WideUnionRecord("a", null), "null branch");
        parity.check(new WideUnionRecord("b", "text"), "string branch");
        parity.check(new WideUnionRecord("c", -7L), "long branch");
        assertThat(parity.written()).isEqualTo(3);
    }

    @Test
    void shouldKeepAvrosWriterForASchemaWithoutGeneratedClasses() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Unknown", "namespace": "io.tripline.test.nowhere", "fields": [
                  {"name": "id", "type": "string"},
                  {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}""");
        SpecificData model = SpecificData.getForSchema(schema);
        DatumWriter<Object> writer = CompiledWriter.of(schema, model);
        assertThat(CompiledWriter.isCompiled(writer)).isFalse();

        FuzzRun run = FuzzRun.of("compiled-writer.unknown");
        RandomRecords records = new RandomRecords(run.random(), GenericData.get(), false);
        WriterParity parity = new WriterParity(schema, model, writer);
        for (int i = 0; i < 100; i++) {
            parity.check(records.next(schema), run.reproduce() + ", record " + i);
        }
        assertThat(parity.written()).isEqualTo(100);
    }
}
