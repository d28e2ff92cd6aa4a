package io.tripline.bench;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.tripline.core.normalize.Json;

/** Prints the figures of one run as an aligned table and as JSON. */
final class BenchReport {

    private BenchReport() {
    }

    static String table(Map<String, Object> figures) {
        StringBuilder out = new StringBuilder("figure                      value\n");
        figures.forEach((name, value) -> {
            if (value instanceof Map<?, ?> parts) {
                parts.forEach((part, v) -> out.append(String.format("%-27s %s%n", name + "." + part, format(v))));
            } else {
                out.append(String.format("%-27s %s%n", name, format(value)));
            }
        });
        return out.toString();
    }

    static String json(Map<String, Object> figures) throws JsonProcessingException {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(figures) + "\n";
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return d < 10 ? String.format("%.3f", d) : String.format("%,.0f", d);
        }
        return String.valueOf(value);
    }
}
