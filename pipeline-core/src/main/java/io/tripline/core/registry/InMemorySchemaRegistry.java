package io.tripline.core.registry;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.Schema;

/**
 * A registry inside the JVM for offline runs of the topology (file replay): ids are assigned in
 * registration order, a schema keeps one id across subjects as in Confluent's registry, and nothing
 * is checked for compatibility because nothing outlives the run.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> subjects = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        int id = idsBySchema.computeIfAbsent(schema.toString(), s -> {
            int next = idsBySchema.size() + 1;
            schemasById.put(next, schema);
            return next;
        });
        subjects.put(subject + '\n' + schema, id);
        return id;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        Integer id = subjects.get(subject + '\n' + schema);
        if (id == null) {
            throw new RegistryException(404, RegistryException.SUBJECT_NOT_FOUND,
                    "schema not registered under subject " + subject);
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new RegistryException(404, RegistryException.SCHEMA_NOT_FOUND, "schema id " + id + " not found");
        }
        return schema;
    }
}
