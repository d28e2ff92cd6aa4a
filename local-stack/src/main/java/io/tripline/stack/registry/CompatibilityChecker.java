package io.tripline.stack.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Decides whether a candidate schema may follow a subject's earlier versions under a
 * {@link CompatibilityLevel}, using Avro's own reader/writer resolution rules. Messages follow
 * Confluent's shape ({@code {errorType:'...', description:'...', additionalInfo:'...'}} followed by
 * the old version and level) because clients and people grep for them.
 */
public final class CompatibilityChecker {

    /** An earlier version of the subject. */
    public record Previous(int version, Schema schema) {}

    private CompatibilityChecker() {}

    /**
     * Checks {@code candidate} against earlier versions.
     *
     * @param previous earlier versions in ascending version order; non-transitive levels only look at
     *     the last one
     * @return the reasons it is incompatible; empty means compatible
     */
    public static List<String> check(Schema candidate, List<Previous> previous, CompatibilityLevel level) {
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return List.of();
        }
        List<Previous> toCheck = level.transitive()
                ? reversed(previous)
                : List.of(previous.get(previous.size() - 1));
        for (Previous old : toCheck) {
            List<String> messages = new ArrayList<>();
            if (level.backward()) {
                messages.addAll(incompatibilities(candidate, old.schema(), true));
            }
            if (level.forward()) {
                messages.addAll(incompatibilities(old.schema(), candidate, false));
            }
            if (!messages.isEmpty()) {
                // Like Confluent: report the first version that fails, with enough context to fix it.
                messages.add("{oldSchemaVersion: " + old.version() + "}");
                messages.add("{oldSchema: '" + old.schema() + "'}");
                messages.add("{compatibility: '" + level.name() + "'}");
                return messages;
            }
        }
        return List.of();
    }

    private static List<String> incompatibilities(Schema reader, Schema writer, boolean readerIsNew) {
        SchemaCompatibility.SchemaCompatibilityResult result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        String readerName = readerIsNew ? "new" : "old";
        String writerName = readerIsNew ? "old" : "new";
        List<String> messages = new ArrayList<>();
        for (Incompatibility i : result.getIncompatibilities()) {
            messages.add("{errorType:'" + i.getType() + "', description:'"
                    + describe(i, readerName, writerName) + "', additionalInfo:'" + i.getMessage() + "'}");
        }
        return messages;
    }

    private static String describe(Incompatibility i, String readerName, String writerName) {
        String path = i.getLocation();
        switch (i.getType()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE:
                return "The field '" + i.getMessage() + "' at path '" + path + "' in the " + readerName
                        + " schema has no default value and is missing in the " + writerName + " schema";
            case TYPE_MISMATCH:
                return "The type (path '" + path + "') of a field in the " + readerName
                        + " schema does not match with the " + writerName + " schema";
            case MISSING_ENUM_SYMBOLS:
                return "The " + readerName + " schema is missing enum symbols '" + i.getMessage()
                        + "' at path '" + path + "' in the " + writerName + " schema";
            case MISSING_UNION_BRANCH:
                return "The " + readerName + " schema is missing a type inside a union field at path '"
                        + path + "' in the " + writerName + " schema";
            case NAME_MISMATCH:
                return "The name of the schema has changed (path '" + path + "')";
            case FIXED_SIZE_MISMATCH:
                return "The size of FIXED type field at path '" + path + "' in the " + readerName
                        + " schema does not match with the " + writerName + " schema";
            default:
                return "Incompatibility at path '" + path + "' between the " + readerName + " and the "
                        + writerName + " schema";
        }
    }

    private static List<Previous> reversed(List<Previous> previous) {
        List<Previous> copy = new ArrayList<>(previous);
        Collections.reverse(copy);
        return copy;
    }
}
