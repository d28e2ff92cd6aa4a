package io.tripline.ingest.source;

import java.time.Instant;

/**
 * The health of one source as the last poll left it: when it last succeeded, how many polls failed in
 * a row since, and the last error (class and message only — never payloads or credentials).
 */
public record SourceHealth(SourceId source, Instant startedAt, Instant lastSuccess, int consecutiveFailures,
                           String lastError) {
}
