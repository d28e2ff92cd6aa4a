package io.tripline.enrich.ocsf;

import java.util.List;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * JSON string literals appended to a StringBuilder exactly as Jackson's default generator writes them (quotes,
 * backslashes and control characters escaped, everything else as is), for the OCSF records written as text
 * rather than through a generator (detections here, incidents in the incident stage).
 */
public final class JsonText {

    private JsonText() {
    }

    /** {@code value} as a JSON string literal, or {@code null}. */
    public static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        if (plain(value)) {
            out.append(value);
        } else {
            JsonStringEncoder.getInstance().quoteAsString(value, out); // the generator's own escapes
        }
        out.append('"');
    }

    /** The elements of a JSON array of strings, comma-separated, without the brackets. */
    public static void strings(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, values.get(i));
        }
    }

    /** Whether nothing in {@code value} needs an escape: no quote, backslash or control character. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
