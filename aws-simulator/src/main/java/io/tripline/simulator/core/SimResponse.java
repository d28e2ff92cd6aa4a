package io.tripline.simulator.core;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a service answers: status, headers and body bytes. */
public final class SimResponse {

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;

    public SimResponse(int status, Map<String, String> headers, byte[] body) {
        this.status = status;
        this.headers = new LinkedHashMap<>(headers);
        this.body = body == null ? new byte[0] : body;
    }

    public static SimResponse json(int status, String json, String contentType) {
        return new SimResponse(status, Map.of("Content-Type", contentType), json.getBytes(StandardCharsets.UTF_8));
    }

    /** REST-JSON success (GuardDuty, Security Hub). */
    public static SimResponse restJson(String json) {
        return json(200, json, "application/json");
    }

    /** JSON 1.1 success (CloudTrail). */
    public static SimResponse json11(String json) {
        return json(200, json, "application/x-amz-json-1.1");
    }

    /** JSON 1.0 success (SQS). */
    public static SimResponse json10(String json) {
        return json(200, json, "application/x-amz-json-1.0");
    }

    public static SimResponse xml(int status, String xml) {
        return new SimResponse(status, Map.of("Content-Type", "text/xml"), xml.getBytes(StandardCharsets.UTF_8));
    }

    public static SimResponse empty(int status) {
        return new SimResponse(status, Map.of(), new byte[0]);
    }

    public SimResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimResponse(status, copy, body);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }
}
