package io.tripline.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;

/** One source record unwrapped from whatever envelope carried it, in its documented AWS shape. */
public record SourceItem(SourceKind kind, JsonNode json) {
}
