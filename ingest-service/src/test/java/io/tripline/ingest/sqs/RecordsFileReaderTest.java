package io.tripline.ingest.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The S3 log-file reader streams: it hands out records one at a time, in order, gzipped or not, and it
 * has handed out the first record before it has read even a small part of a large file.
 */
class RecordsFileReaderTest {

    static byte[] gzippedRecordsFile(int records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < records; i++) {
                String record = (i == 0 ? "" : ",") + CloudTrailFiles.record(i);
                gzip.write(record.getBytes(StandardCharsets.UTF_8));
            }
            gzip.write("]}".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void shouldReadEveryRecordOfAGzippedFileInOrder() throws Exception {
        List<String> ids = new ArrayList<>();
        long count = RecordsFileReader.read(new ByteArrayInputStream(gzippedRecordsFile(12_000)),
                (index, record) -> ids.add(record.path("eventID").asText()));
        assertThat(count).isEqualTo(12_000);
        assertThat(ids).hasSize(12_000).startsWith(CloudTrailFiles.eventId(0)).endsWith(CloudTrailFiles.eventId(11_999));
    }

    @Test
    void shouldHandOutTheFirstRecordAfterReadingOnlyASmallPartOfTheFile() throws Exception {
        byte[] file = gzippedRecordsFile(100_000);
        CountingStream in = new CountingStream(new ByteArrayInputStream(file));
        long[] readAtFirstRecord = {-1};
        RecordsFileReader.read(in, (index, record) -> {
            if (index == 0) {
                readAtFirstRecord[0] = in.count;
            }
        });
        // the whole (compressed) file is far larger than the reader's buffers; streaming reads a buffer's worth
        assertThat(file.length).isGreaterThan(600_000);
        assertThat(readAtFirstRecord[0]).isPositive().isLessThan(file.length / 4);
        assertThat(in.count).isEqualTo(file.length);
    }

    @Test
    void shouldReadAPlainFileAndSkipOtherFields() throws Exception {
        String text = "{\"Other\":{\"a\":[1,2]},\"Records\":[" + CloudTrailFiles.record(1) + "]}";
        long count = RecordsFileReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), (i, r) -> { });
        assertThat(count).isEqualTo(1);
    }

    @Test
    void shouldFailOnATruncatedFile() {
        String text = "{\"Records\":[" + CloudTrailFiles.record(1) + ",{\"eventID\":";
        assertThatThrownBy(() -> RecordsFileReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                (i, r) -> { })).isInstanceOf(JsonProcessingException.class);
    }

    /** Counts the bytes the reader has pulled. */
    static final class CountingStream extends InputStream {
        private final InputStream in;
        long count;

        CountingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
