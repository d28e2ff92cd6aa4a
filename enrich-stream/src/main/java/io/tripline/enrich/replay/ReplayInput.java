package io.tripline.enrich.replay;

import java.util.List;

/**
 * Where a replay's records come from — exported files ({@link ReplayReader}) or the raw topics
 * ({@link TopicReplayReader}). Both give normalized records in {@link ReplayRecord#ORDER}, so the
 * engine, the output and the summary are the same for either.
 */
public interface ReplayInput {

    /** The records to replay, in replay order. */
    List<ReplayRecord> records();

    /** Values that could not be read as source records, with where they are and why. */
    List<Unparseable> unparseable();

    /** Values read (lines, documents or topic records), whether they became records or not. */
    long valuesRead();
}
