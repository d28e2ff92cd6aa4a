package io.tripline.simulator.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tripline.simulator.cloudtrail.CloudTrailRecorder;
import io.tripline.simulator.core.AwsError;
import io.tripline.simulator.core.AwsService;
import io.tripline.simulator.core.Caller;
import io.tripline.simulator.core.Protocol;
import io.tripline.simulator.core.SimRequest;
import io.tripline.simulator.core.SimResponse;
import io.tripline.simulator.core.World;
import io.tripline.simulator.fault.Counters;
import io.tripline.simulator.fault.FaultInjector;
import io.tripline.simulator.iam.IamKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline of every AWS call: read and de-frame the body, parse the SigV4 scope, pick the
 * service, resolve the caller, apply limits and faults, let the service answer, render errors in the
 * service's protocol shape, count, and stamp request ids on the response.
 */
final class RequestDispatcher implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    /** Lets tests and scenarios act "from outside AWS" without a second network interface. */
    static final String SOURCE_IP_HEADER = "x-tripline-source-ip";

    private final World world;
    private final ServiceRegistry services;
    private final FaultInjector faults;
    private final boolean permissive;

    RequestDispatcher(World world, ServiceRegistry services, FaultInjector faults, boolean permissive) {
        this.world = world;
        this.services = services;
        this.faults = faults;
        this.permissive = permissive;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = world.ids().uuid();
            SimResponse response;
            try {
                response = dispatch(exchange, requestId);
            } catch (RuntimeException e) {
                LOG.error("Simulator failure on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = ErrorRenderer.render(new AwsError(500, "InternalFailure", String.valueOf(e.getMessage())),
                        "", Protocol.REST_JSON, requestId);
            }
            write(exchange, response, requestId);
        }
    }

    private SimResponse dispatch(HttpExchange exchange, String requestId) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        byte[] body = readBody(exchange.getRequestBody(), headers);
        Map<String, List<String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
        Map<String, String> firstQuery = new LinkedHashMap<>();
        query.forEach((k, v) -> firstQuery.put(k, v.isEmpty() ? "" : v.get(0)));
        String path = exchange.getRequestURI().getPath();
        String sourceIp = headers.getOrDefault(SOURCE_IP_HEADER,
                exchange.getRemoteAddress().getAddress().getHostAddress());

        SigV4Scope scope = SigV4Scope.parse(headers.get("authorization"), firstQuery);
        if (scope == null) {
            return refuseUnauthenticated(path, headers, firstQuery, query, body, requestId);
        }
        AwsService service = services.find(scope.service()).orElse(null);
        if (service == null) {
            return ErrorRenderer.render(new AwsError(400, "UnrecognizedClientException",
                    "The simulator does not implement the service '" + scope.service() + "'"),
                    scope.service(), Protocol.REST_JSON, requestId);
        }
        SimRequest request = new SimRequest(exchange.getRequestMethod(), path, query, headers, body,
                scope.accessKeyId(), scope.region(), scope.service(), sourceIp);
        String operation = null;
        try {
            operation = service.operationName(request);
            Caller caller = CallerResolver.resolve(world, scope.accessKeyId(), permissive);
            if (!IamKeys.isKeyActive(world, scope.accessKeyId())) {
                // A deactivated key is refused before anything runs, as AWS does: this is what makes
                // the responder's disable-access-key take effect in the simulator.
                throw inactiveKey(service.protocol());
            }
            if (operation == null) {
                throw ErrorRenderer.unknownOperation(service.protocol(), exchange.getRequestMethod() + " " + path);
            }
            faults.counters().increment(service.signingName(), operation, Counters.Kind.calls);
            faults.beforeCall(service.signingName(), operation, caller.accountId(), scope.region());
            SimCallContext context = new SimCallContext(world, caller,
                    new CloudTrailRecorder.Call(caller, scope.region(), sourceIp, request.userAgent(), requestId));
            SimResponse response = service.handle(request, context);
            if (response.status() >= 400) {
                faults.counters().increment(service.signingName(), operation, Counters.Kind.errors);
            }
            return response;
        } catch (AwsError e) {
            faults.counters().increment(service.signingName(), operation, Counters.Kind.errors);
            LOG.debug("{} {} -> {} {}", service.signingName(), operation, e.status(), e.code());
            return ErrorRenderer.render(e, service.signingName(), service.protocol(), requestId);
        }
    }

    private SimResponse refuseUnauthenticated(String path, Map<String, String> headers, Map<String, String> firstQuery,
                                              Map<String, List<String>> query, byte[] body, String requestId) {
        SigV4Scope.Presence presence = SigV4Scope.presence(headers.get("authorization"), firstQuery);
        SimRequest probe = new SimRequest("POST", path, query, headers, body, null, null, null, null);
        String inferred = ServiceInference.infer(path, headers, probe.formParams());
        AwsService service = services.find(inferred).orElse(null);
        Protocol protocol = service == null ? Protocol.QUERY_XML : service.protocol();
        AwsError error = presence == SigV4Scope.Presence.MISSING
                ? ErrorRenderer.missingAuthentication(protocol) : ErrorRenderer.incompleteSignature(protocol);
        return ErrorRenderer.render(error, inferred == null ? "" : inferred, protocol, requestId);
    }

    /** Reads the whole body; the JDK already removed Transfer-Encoding chunking and answered 100-continue. */
    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        byte[] raw = in.readAllBytes();
        if (raw.length > 0 && AwsChunkedDecoder.applies(headers)) {
            byte[] decoded = AwsChunkedDecoder.decode(raw);
            String rest = AwsChunkedDecoder.remainingEncoding(headers.get("content-encoding"));
            if (rest == null) {
                headers.remove("content-encoding");
            } else {
                headers.put("content-encoding", rest);
            }
            headers.put("content-length", Integer.toString(decoded.length));
            return decoded;
        }
        return raw;
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    static void write(HttpExchange exchange, SimResponse response, String requestId) throws IOException {
        var out = exchange.getResponseHeaders();
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        response.headers().forEach((k, v) -> {
            if (head || !k.equalsIgnoreCase("Content-Length")) {
                out.set(k, v);
            }
        });
        out.set("x-amzn-RequestId", requestId);
        out.set("x-amz-request-id", requestId);
        byte[] body = response.body();
        boolean noBody = head || body.length == 0 || response.status() == 204 || response.status() == 304;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    /** The error AWS answers for a deactivated access key, in each protocol's spelling. */
    static AwsError inactiveKey(Protocol protocol) {
        String message = "The security token included in the request is invalid.";
        return switch (protocol) {
            case REST_JSON, JSON_1_1, JSON_1_0 -> new AwsError(403, "UnrecognizedClientException", message);
            case EC2_QUERY -> new AwsError(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
            case REST_XML -> new AwsError(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
            case QUERY_XML -> new AwsError(403, "InvalidClientTokenId", message);
        };
    }
}
