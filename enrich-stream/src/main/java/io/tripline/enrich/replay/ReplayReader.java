package io.tripline.enrich.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.databind.JsonNode;

import io.tripline.core.normalize.Json;
import io.tripline.core.normalize.NormalizationException;
import io.tripline.core.normalize.Normalizers;
import io.tripline.core.normalize.SourceItem;
import io.tripline.core.normalize.SourceKind;
import io.tripline.core.normalize.SourceShapes;

/**
 * Reads replay inputs: files and directories (recursively, in name order), plain or gzipped, either one
 * JSON document (a CloudTrail S3 log file, a GetFindings response) or JSON Lines. Each value goes
 * through {@link SourceShapes} and the normalizers, the same doors as live ingestion. What cannot be
 * read is recorded with file:line and reason and never stops the run.
 */
public final class ReplayReader implements ReplayInput {

    /** Which shape to assume for bare records; AUTO recognises each one. */
    public enum Format { AUTO, CLOUDTRAIL, GUARDDUTY, SECURITYHUB }

    /** Lines per batch handed to a parsing thread: large enough that handing over costs nothing. */
    private static final int BATCH_LINES = 1024;

    private final Normalizers normalizers = new Normalizers();
    private final Format format;
    private final Values all = new Values();
    private final int threads;
    /** Parsing and normalizing in flight during {@link #read}; results are taken in read order. */
    private OrderedWork<Values> work;
    /** Whether records read are kept for {@link #records()}, or only handed on. */
    private boolean keep = true;
    /** Set to end a read early: it stops before the next file or batch of lines. */
    private volatile boolean stopped;

    public ReplayReader(Format format) {
        this(format, Runtime.getRuntime().availableProcessors());
    }

    /** A reader that parses JSON Lines on {@code threads} threads (1: on the calling thread only). */
    ReplayReader(Format format, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.format = format;
        this.threads = threads;
    }

    /**
     * Reads every input; throws {@link IOException} naming an input that does not exist. A file that
     * cannot be read (e.g. a truncated .gz) is recorded as unparseable, like a bad line.
     */
    public void read(List<Path> inputs) throws IOException {
        read(inputs, records -> { });
    }

    /**
     * Reads every input like {@link #read(List)}, handing each piece of records read to {@code readOrder} as
     * soon as it and every piece before it are read, on the calling thread: the records in read order.
     */
    public void read(List<Path> inputs, Consumer<List<ReplayRecord>> readOrder) throws IOException {
        try (OrderedWork<Values> reading = new OrderedWork<>(threads, "replay-read", values -> {
            all.addAll(values, keep);
            if (!values.records.isEmpty()) {
                readOrder.accept(values.records);
            }
        })) {
            work = reading;
            readAll(inputs);
            reading.finish();
        } finally {
            work = null;
        }
    }

    /**
     * From now on, records read are only handed on to a {@link #read(List, Consumer)} caller, not kept:
     * {@link #records()} stays empty, and memory does not grow with the input. For a caller that can read the
     * inputs again ({@link #restart()}) if it needs them sorted after all.
     */
    void handOnly() {
        keep = false;
    }

    /** Ends the {@link #read} in progress early, before its next file or batch of lines; may be called from its consumer. */
    void stop() {
        stopped = true;
    }

    /** Forgets what was read, and keeps records again: for reading the same inputs once more. */
    void restart() {
        all.clear();
        keep = true;
        stopped = false;
    }

    private void readAll(List<Path> inputs) throws IOException {
        for (Path input : inputs) {
            if (stopped) {
                return;
            }
            if (!Files.exists(input)) {
                throw new IOException("input not found: " + input);
            }
            if (Files.isDirectory(input)) {
                try (Stream<Path> files = Files.walk(input)) {
                    for (Path file : files.filter(Files::isRegularFile).filter(ReplayReader::isJson)
                            .sorted(Comparator.comparing(Path::toString)).toList()) {
                        if (stopped) {
                            return;
                        }
                        readFile(file);
                    }
                }
            } else {
                readFile(input);
            }
        }
    }

    /** The records in replay order, see {@link ReplayRecord#ORDER}. */
    @Override
    public List<ReplayRecord> records() {
        List<ReplayRecord> sorted = new ArrayList<>(all.records);
        sorted.sort(ReplayRecord.ORDER);
        return sorted;
    }

    @Override
    public List<Unparseable> unparseable() {
        return all.unparseable;
    }

    /** JSON values read (lines or documents), whether they normalized or not. */
    @Override
    public long valuesRead() {
        return all.values;
    }

    private static boolean isJson(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".json.gz") || name.endsWith(".jsonl.gz")
                || name.endsWith(".ndjson");
    }

    private void readFile(Path file) {
        try {
            readContent(file);
        } catch (IOException e) {
            // a corrupt or truncated .gz, or a file that vanished: set it aside and go on with the others
            Values failed = new Values();
            failed.unparseable.add(new Unparseable(file.toString(), "cannot read: " + e));
            work.submit(() -> failed);
        }
    }

    private void readContent(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String first = firstNonBlankLine(reader);
            if (first == null) {
                return;
            }
            String second = reader.readLine();
            boolean lines = second != null && (isCompleteJson(first) || isCompleteJson(second));
            if (!lines) {
                // One document, possibly spread over many lines (an S3 log file, a pretty-printed response).
                StringBuilder document = new StringBuilder(first);
                if (second != null) {
                    document.append('\n').append(second);
                    reader.transferTo(new StringBuilderWriter(document));
                }
                String text = document.toString();
                work.submit(() -> readDocument(file, text));
                return;
            }
            try (ParallelLines values = new ParallelLines(file.toString())) {
                values.add(first);
                String line = second;
                while (line != null && !stopped) {
                    values.add(line);
                    line = reader.readLine();
                }
            }
        }
    }

    private static boolean isCompleteJson(String line) {
        try {
            Json.MAPPER.readTree(line);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String firstNonBlankLine(BufferedReader reader) throws IOException {
        String line = reader.readLine();
        while (line != null && line.isBlank()) {
            line = reader.readLine();
        }
        return line;
    }

    /**
     * A file whose first two lines are not JSON values: one document, or JSON Lines whose first lines are
     * broken. When it does not parse as one document, each line is read on its own, so two bad lines at
     * the top do not cost every good line below them.
     */
    private Values readDocument(Path file, String text) {
        Values values = new Values();
        JsonNode json;
        try {
            json = Json.parse(text);
        } catch (NormalizationException notOneDocument) {
            if (text.indexOf('\n') < 0) {
                values.values++;
                values.unparseable.add(new Unparseable(file + ":1", notOneDocument.getMessage()));
                return values;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    readValue(values, file.toString(), i + 1, lines[i]);
                }
            }
            return values;
        }
        values.values++;
        readItems(values, file.toString(), 1, json);
        return values;
    }

    private void readValue(Values into, String file, int line, String text) {
        into.values++;
        JsonNode json;
        try {
            json = Json.parse(text);
        } catch (NormalizationException e) {
            into.unparseable.add(new Unparseable(file + ":" + line, e.getMessage()));
            return;
        }
        readItems(into, file, line, json);
    }

    private void readItems(Values into, String file, int line, JsonNode json) {
        List<SourceItem> items;
        try {
            items = unwrap(json);
        } catch (NormalizationException e) {
            into.unparseable.add(new Unparseable(file + ":" + line, e.getMessage()));
            return;
        }
        // one bad record in an S3 log file or a GetFindings response does not cost the others
        for (int i = 0; i < items.size(); i++) {
            SourceItem item = items.get(i);
            try {
                SpecificRecord record = normalizers.normalize(item);
                into.records.add(ReplayRecord.of(item.kind(), record));
            } catch (NormalizationException e) {
                String location = file + ":" + line;
                into.unparseable.add(new Unparseable(items.size() == 1 ? location : location + " record " + (i + 1), e.getMessage()));
            }
        }
    }

    private List<SourceItem> unwrap(JsonNode json) {
        if (format == Format.AUTO) {
            return SourceShapes.unwrap(json);
        }
        SourceKind forced = SourceKind.valueOf(format.name());
        try {
            return SourceShapes.unwrap(json).stream().map(i -> new SourceItem(forced, i.json())).toList();
        } catch (NormalizationException unrecognised) {
            return List.of(new SourceItem(forced, json));
        }
    }

    /** What reading some values gave: records and unparseable values in read order, and how many values were read. */
    private static final class Values {
        final List<ReplayRecord> records = new ArrayList<>();
        final List<Unparseable> unparseable = new ArrayList<>();
        long values;

        void addAll(Values other, boolean withRecords) {
            if (withRecords) {
                records.addAll(other.records);
            }
            unparseable.addAll(other.unparseable);
            values += other.values;
        }

        void clear() {
            records.clear();
            unparseable.clear();
            values = 0;
        }
    }

    /**
     * The lines of one JSON Lines file, handed out in batches to be parsed and normalized on the reader's
     * threads while the file is still being read; the batches' values are taken in file order, so the
     * result is the same as reading line by line on one thread.
     */
    private final class ParallelLines implements AutoCloseable {
        private final String file;
        private List<String> batch = new ArrayList<>(BATCH_LINES);
        private int batchStart = 1;
        private int lines;

        ParallelLines(String file) {
            this.file = file;
        }

        void add(String line) {
            lines++;
            batch.add(line);
            if (batch.size() == BATCH_LINES) {
                submitBatch();
            }
        }

        /** Hands out the last batch. */
        @Override
        public void close() {
            submitBatch();
        }

        private void submitBatch() {
            if (batch.isEmpty()) {
                return;
            }
            List<String> texts = batch;
            int start = batchStart;
            batch = new ArrayList<>(BATCH_LINES);
            batchStart = lines + 1;
            work.submit(() -> parse(texts, start));
        }

        private Values parse(List<String> texts, int start) {
            Values values = new Values();
            for (int i = 0; i < texts.size(); i++) {
                if (!texts.get(i).isBlank()) {
                    readValue(values, file, start + i, texts.get(i));
                }
            }
            return values;
        }
    }

    /** A Writer into a StringBuilder without synchronisation. */
    private static final class StringBuilderWriter extends java.io.Writer {
        private final StringBuilder target;

        StringBuilderWriter(StringBuilder target) {
            this.target = target;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            target.append(buffer, offset, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
