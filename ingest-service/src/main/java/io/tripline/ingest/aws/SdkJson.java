package io.tripline.ingest.aws;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Turns an SDK model object back into the JSON AWS documents for it, using the model's own field
 * metadata: every field under its wire name ({@code locationName}: lowerCamel for GuardDuty, PascalCase
 * for ASFF), enums as their wire strings, absent collections left out. This way a poller hands the
 * normalizers the same shape as an exported file or an EventBridge event.
 */
public final class SdkJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SdkJson() {
    }

    public static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode node = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
                continue;
            }
            node.set(field.locationName(), value(value));
        }
        return node;
    }

    private static JsonNode value(Object value) {
        if (value instanceof SdkPojo pojo) {
            return toJson(pojo);
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (value instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof SdkBytes bytes) {
            return NODES.binaryNode(bytes.asByteArray());
        }
        if (value instanceof Collection<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(item == null ? NODES.nullNode() : value(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), v == null ? NODES.nullNode() : value(v)));
            return object;
        }
        return NODES.textNode(String.valueOf(value));
    }
}
