package io.tripline.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Holds every schema against its last released version (the committed copies in schemas/baseline):
 * a consumer on the new schema must read everything written with the released one (BACKWARD), which
 * is what the registry enforces on the topics' subjects.
 */
class SchemaEvolutionTest {

    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path BASELINE = Path.of("baseline");

    @Test
    void shouldReadDataWrittenWithEveryReleasedSchema() throws IOException {
        Map<String, Schema> current = load(CURRENT);
        Map<String, Schema> baseline = load(BASELINE);
        assertThat(baseline).as("released schemas in %s", BASELINE).isNotEmpty();

        List<String> problems = new ArrayList<>();
        baseline.forEach((name, released) -> {
            Schema now = current.get(name);
            if (now == null) {
                problems.add(name + ": removed, but data written with it still exists on the topics");
                return;
            }
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(now, released);
            if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(name + ": " + result.getResult().getIncompatibilities());
            }
        });
        assertThat(problems).as("BACKWARD-incompatible changes").isEmpty();
    }

    @Test
    void shouldRefuseAChangeThatDropsADefaultFromANewField() throws IOException {
        // The check above must be able to fail: adding a required field without a default breaks old data.
        Schema released = load(BASELINE).get("io.tripline.schema.v1.IngestCursor");
        String broken = released.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"mandatoryNewField\",\"type\":\"string\"},");
        Schema now = new Schema.Parser().parse(broken);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(now, released).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void shouldGiveEveryOptionalFieldANullDefaultAndEveryEnumADefaultSymbol() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Schema schema : load(CURRENT).values()) {
            check(schema, problems, new ArrayList<>());
        }
        assertThat(problems).isEmpty();
    }

    private static void check(Schema schema, List<String> problems, List<String> seen) {
        if (seen.contains(schema.getFullName())) {
            return;
        }
        seen.add(schema.getFullName());
        for (Schema.Field field : schema.getFields()) {
            Schema type = field.schema();
            if (type.isUnion() && type.getTypes().get(0).getType() == Schema.Type.NULL && !field.hasDefaultValue()) {
                problems.add(schema.getName() + "." + field.name() + " is optional without a null default");
            }
            for (Schema branch : type.isUnion() ? type.getTypes() : List.of(type)) {
                Schema inner = branch.getType() == Schema.Type.ARRAY ? branch.getElementType() : branch;
                if (inner.getType() == Schema.Type.ENUM && inner.getEnumDefault() == null) {
                    problems.add(inner.getName() + " has no default symbol");
                }
                if (inner.getType() == Schema.Type.RECORD) {
                    check(inner, problems, seen);
                }
            }
        }
    }

    private static Map<String, Schema> load(Path dir) throws IOException {
        Map<String, Schema> schemas = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                Schema schema = new Schema.Parser().parse(file.toFile());
                schemas.put(schema.getFullName(), schema);
            }
        }
        return schemas;
    }
}
