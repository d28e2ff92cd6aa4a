package io.tripline.enrich.incident;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Which input partition a signal was built from ({@code topic:partition} of the raw CloudTrail record, or of the
 * repartitioned finding or correlation detection), carried to the incident stage in a record header: the stage
 * judges lateness per source and origin ({@link IncidentProcessor}). A record without the header (written by an
 * earlier version, or fed to the stage directly) has the empty origin: its source's lateness across partitions.
 */
final class SignalOrigin implements FixedKeyProcessor<String, Signal, Signal> {

    static final String HEADER = "tripline.signal.origin";

    private FixedKeyProcessorContext<String, Signal> context;
    /** The header's bytes per topic and partition, built once. */
    private final Map<String, Map<Integer, byte[]>> origins = new HashMap<>();

    @Override
    public void init(FixedKeyProcessorContext<String, Signal> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Signal> record) {
        Headers headers = new RecordHeaders(record.headers().toArray()); // the input's headers are not this record's to change
        headers.remove(HEADER);
        context.recordMetadata().ifPresent(input -> headers.add(HEADER, origins
                .computeIfAbsent(input.topic(), topic -> new HashMap<>())
                .computeIfAbsent(input.partition(), partition -> (input.topic() + ":" + partition).getBytes(StandardCharsets.UTF_8))));
        context.forward(record.withHeaders(headers));
    }

    /** The origin a record's headers name; empty when they name none. */
    static String of(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        return header == null || header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
