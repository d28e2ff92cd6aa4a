package io.tripline.simulator.core;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as a service sees it: method, decoded path, query parameters, lower-cased headers,
 * body, and the SigV4 credential scope (access key, region, service) the server parsed from the
 * Authorization header.
 */
public final class SimRequest {

    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final Map<String, String> headers;
    private final byte[] body;
    private final String accessKeyId;
    private final String region;
    private final String service;
    private final String sourceIp;
    private Map<String, String> formParams;

    public SimRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                      byte[] body, String accessKeyId, String region, String service, String sourceIp) {
        this.method = method;
        this.path = path;
        this.query = query == null ? Map.of() : query;
        this.headers = headers == null ? Map.of() : headers;
        this.body = body == null ? new byte[0] : body;
        this.accessKeyId = accessKeyId;
        this.region = region;
        this.service = service;
        this.sourceIp = sourceIp;
    }

    public String method() {
        return method;
    }

    /** The URL-decoded path, without the query string. */
    public String path() {
        return path;
    }

    public Map<String, List<String>> query() {
        return query;
    }

    /** First value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Headers with lower-case names. */
    public Map<String, String> headers() {
        return headers;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String region() {
        return region;
    }

    public String service() {
        return service;
    }

    public String sourceIp() {
        return sourceIp;
    }

    public String userAgent() {
        return header("user-agent");
    }

    /** The X-Amz-Target operation name of JSON protocols (the part after the dot), or null. */
    public String target() {
        String target = header("x-amz-target");
        if (target == null) {
            return null;
        }
        int dot = target.lastIndexOf('.');
        return dot < 0 ? target : target.substring(dot + 1);
    }

    /**
     * Query-protocol parameters: the form-encoded body merged over the query string (Query and EC2
     * protocols send {@code Action=...&Version=...} in either).
     */
    public synchronized Map<String, String> formParams() {
        if (formParams == null) {
            Map<String, String> params = new LinkedHashMap<>();
            query.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    params.put(k, v.get(0));
                }
            });
            String contentType = header("content-type");
            if (body.length > 0 && (contentType == null || contentType.startsWith("application/x-www-form-urlencoded"))) {
                params.putAll(parseForm(bodyText()));
            }
            formParams = Collections.unmodifiableMap(params);
        }
        return formParams;
    }

    /** Parses {@code a=1&b=2} with URL decoding; later keys win. */
    public static Map<String, String> parseForm(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }
}
