package io.tripline.ingest.sqs;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.NormalizationException;

/**
 * Streams a CloudTrail log file ({@code {"Records":[...]}}, gzipped or not) record by record with
 * Jackson's streaming parser: only one record is in memory at a time, whatever the file size.
 */
public final class RecordsFileReader {

    /** Receives each record in file order with its zero-based index. */
    @FunctionalInterface
    public interface RecordSink {
        void accept(long index, JsonNode record) throws Exception;
    }

    private RecordsFileReader() {
    }

    /** Reads every record of {@code in} into {@code sink}; returns the number of records. */
    public static long read(InputStream in, RecordSink sink) throws Exception {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(decompressed(in))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new NormalizationException("a CloudTrail log file must be a JSON object");
            }
            long count = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("Records".equals(field) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode record = parser.readValueAsTree();
                        sink.accept(count++, record);
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return count;
        }
    }

    /**
     * Whether {@code error} from {@link #read} means the file itself is unreadable (not JSON, not a log file,
     * corrupt or truncated gzip) — it never heals, so it belongs in the DLQ — rather than a failure to fetch
     * it, which is worth retrying.
     */
    public static boolean unreadable(Exception error) {
        return error instanceof JsonProcessingException || error instanceof NormalizationException
                || error instanceof ZipException || error instanceof EOFException;
    }

    /** Gunzips when the stream starts with the gzip magic bytes, whatever the object key says. */
    static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first == 0x1f && second == 0x8b) {
            return new GZIPInputStream(buffered, 64 * 1024);
        }
        return buffered;
    }
}
