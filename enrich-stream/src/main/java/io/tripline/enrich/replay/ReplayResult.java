package io.tripline.enrich.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a replay produced: OCSF JSON lines in output order, hits per rule, and the inputs that could not
 * be read or decoded.
 *
 * @param ocsf         OCSF Detection Finding JSON, one per line, in topology output order
 * @param ocsfKeys     the topology's key of each OCSF line (the record key on {@code tripline.ocsf}), same order
 * @param eventsRead   source records replayed
 * @param ruleHits     detections per rule id, sorted by rule id
 * @param unparseable  inputs that could not be read as source records
 * @param deadLetters  records the topology set aside (should be 0: the reader already normalized them)
 * @param suppressed   single-event hits suppressed as repeats (not in {@code ruleHits}; {@code tripline.enrich.suppress.*})
 */
public record ReplayResult(List<String> ocsf, List<String> ocsfKeys, long eventsRead, Map<String, Long> ruleHits,
                           List<Unparseable> unparseable, long deadLetters, long suppressed) {

    /** Writes the OCSF lines as UTF-8, each followed by a newline; the engine's lines are written as they are held. */
    public void writeOcsf(OutputStream out) throws IOException {
        if (ocsf instanceof OutputLines lines) {
            lines.writeTo(out);
            return;
        }
        for (String line : ocsf) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
    }
}
