package io.tripline.enrich.scoring;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tag that marks an asset as more valuable, e.g. {@code Environment} in {production, prod}. Keys and
 * values compare case-insensitively because teams spell tags inconsistently.
 */
public record CriticalityRule(String tagKey, List<String> values, int points) {

    public CriticalityRule {
        values = values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    /** The matching "key=value" of {@code tags}, or null. */
    public String match(Map<String, String> tags) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().equalsIgnoreCase(tagKey) && tag.getValue() != null
                    && values.contains(tag.getValue().toLowerCase(Locale.ROOT))) {
                return tagKey + "=" + tag.getValue().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
