package io.tripline.core.testing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of hostile HTTP requests against an API's routes: unknown and malformed methods,
 * paths with traversal, invalid percent-encoding, NUL, raw invalid UTF-8 and huge segments, broken
 * queries, bodies from {@link HostileJson}, wrong or absurd content types, and (rarely) bodies past the
 * server's size limit. Route templates use {@code {}} where an id goes; the id is hostile or taken from
 * the given list of real ids.
 */
public final class HostileHttp {

    /** What was done. */
    public enum Kind { BAD_METHOD, BAD_PATH, BAD_QUERY, BAD_BODY, BAD_CONTENT_TYPE, INVALID_UTF8, HUGE_BODY, BAD_HEADER }

    /** One request; the path is raw bytes so that it can be anything a socket carries. */
    public record Request(Kind kind, String method, byte[] rawPath, Map<String, String> headers, byte[] body) {
        public String path() {
            return new String(rawPath, StandardCharsets.UTF_8);
        }
    }

    /** A route: its method and path template, e.g. {@code POST /actions/{}/approve}. */
    public record Route(String method, String template) {
    }

    private static final String[] METHODS = {"PATCH", "TRACE", "OPTIONS", "FOO", "get", "PROPFIND", "M-SEARCH", "DELETE",
        "PUT", "HEAD", "POST", "GET"};
    private static final String[] SEGMENTS = {"..", "%2e%2e", "%zz", "%", "%00", "%2F", "a%2Fb", "\u00e9\u00e8", "%C0%AF",
        "%FF%FE", "*", "~", ";jsessionid=1", "%20", "+", "null", "-1", "99999999999999999999", "0x10", "<script>",
        "'; DROP TABLE x;--", "%u0041", "\\", "{}", "CON"};
    private static final String[] CONTENT_TYPES = {"text/plain", "application/xml", "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded", "application/json; charset=utf-7", "*/*", "", "application/json;;;",
        "application/vnd.schemaregistry.v1+json; charset=ebcdic"};
    private static final String[] HEADERS = {"Transfer-Encoding: gzip", "Content-Encoding: gzip", "Accept: text/html",
        "Authorization: Bearer", "Authorization: Basic Og==", "Authorization: Bearer \u00e9", "Expect: 100-continue",
        "X-Forwarded-For: 127.0.0.1, ::1"};

    private final Random random;
    private final List<Route> routes;
    private final List<String> ids;
    private final HostileJson bodies;
    private final int hugeBytes;
    private final Map<String, String> baseHeaders;

    /**
     * @param routes      the API's routes
     * @param ids         real ids to put in templates some of the time (may be empty)
     * @param bodies      hostile bodies
     * @param hugeBytes   size of HUGE_BODY bodies (past the server's limit)
     * @param baseHeaders headers every request carries (e.g. a bearer token), before hostile ones
     */
    public HostileHttp(Random random, List<Route> routes, List<String> ids, HostileJson bodies, int hugeBytes,
                       Map<String, String> baseHeaders) {
        this.random = random;
        this.routes = List.copyOf(routes);
        this.ids = List.copyOf(ids);
        this.bodies = bodies;
        this.hugeBytes = hugeBytes;
        this.baseHeaders = Map.copyOf(baseHeaders);
    }

    /** The next request; HUGE_BODY is rare (megabytes each). */
    public Request next() {
        Kind[] kinds = Kind.values();
        Kind kind = kinds[random.nextInt(kinds.length)];
        while (kind == Kind.HUGE_BODY && random.nextInt(100) != 0) {
            kind = kinds[random.nextInt(kinds.length)];
        }
        Route route = routes.get(random.nextInt(routes.size()));
        String path = route.template().replace("{}", id());
        Map<String, String> headers = new LinkedHashMap<>(baseHeaders);
        headers.put("Content-Type", "application/json");
        byte[] body = needsBody(route) ? bodies.next().bytes() : null;
        byte[] rawPath = path.getBytes(StandardCharsets.UTF_8);
        String method = route.method();
        switch (kind) {
            case BAD_METHOD -> method = METHODS[random.nextInt(METHODS.length)];
            case BAD_PATH -> rawPath = hostilePath(route).getBytes(StandardCharsets.UTF_8);
            case BAD_QUERY -> rawPath = (path + hostileQuery()).getBytes(StandardCharsets.UTF_8);
            case BAD_BODY -> body = bodies.next().bytes();
            case BAD_CONTENT_TYPE -> headers.put("Content-Type", CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]);
            case INVALID_UTF8 -> rawPath = concat(path.getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xc3, 0x28, (byte) 0xff});
            case HUGE_BODY -> body = huge();
            case BAD_HEADER -> {
                String[] header = HEADERS[random.nextInt(HEADERS.length)].split(": ?", 2);
                headers.put(header[0], header.length > 1 ? header[1] : "");
            }
        }
        return new Request(kind, method, rawPath, headers, body);
    }

    private static boolean needsBody(Route route) {
        return route.method().equals("POST") || route.method().equals("PUT");
    }

    private String id() {
        if (!ids.isEmpty() && random.nextInt(3) == 0) {
            return ids.get(random.nextInt(ids.size()));
        }
        return SEGMENTS[random.nextInt(SEGMENTS.length)];
    }

    private String hostilePath(Route route) {
        return switch (random.nextInt(5)) {
            case 0 -> route.template().replace("{}", "x".repeat(1000 + random.nextInt(6000)));
            case 1 -> "/" + "a/".repeat(200 + random.nextInt(800));
            case 2 -> route.template().replace("{}", SEGMENTS[random.nextInt(SEGMENTS.length)] + "/"
                    + SEGMENTS[random.nextInt(SEGMENTS.length)]);
            case 3 -> "//" + route.template().replace("{}", "..%2F..%2Fetc%2Fpasswd");
            default -> route.template().replace("{}", "") + "/extra/" + random.nextInt(1000);
        };
    }

    private String hostileQuery() {
        String[] queries = {"?%zz=1", "?&&&=", "?deleted=maybe", "?pending=2", "?state=%00", "?a=" + "b".repeat(3000),
            "?normalize=%", "?=", "?state=PROPOSED&state=APPROVED", "?x=%C0%AF"};
        return queries[random.nextInt(queries.length)];
    }

    private byte[] huge() {
        byte[] body = new byte[hugeBytes];
        java.util.Arrays.fill(body, (byte) 'a');
        body[0] = '{';
        return body;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
