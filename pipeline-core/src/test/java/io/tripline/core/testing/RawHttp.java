package io.tripline.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection: unlike {@code java.net.http} it sends any
 * method, any path bytes (invalid percent-encoding, raw non-ASCII) and any header, which is what a
 * hostile client does. A server that does not answer within the timeout is reported as a hang.
 */
public final class RawHttp {

    /**
     * One answer: status, content type and body; status 0 when the connection was closed or reset without
     * an answer the client could read (a server that rejects a request before reading its body and closes
     * resets the connection, which can discard its answer).
     */
    public record Reply(int status, String contentType, String body) {
    }

    private final String host;
    private final int port;
    private final int timeoutMillis;

    public RawHttp(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Sends one request and reads the whole answer.
     *
     * @throws SocketTimeoutException when the server does not answer in time (a hang)
     */
    public Reply send(HostileHttp.Request request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes(request.method().getBytes(StandardCharsets.ISO_8859_1));
            head.write(' ');
            head.writeBytes(request.rawPath());
            head.writeBytes((" HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (Map.Entry<String, String> header : request.headers().entrySet()) {
                head.writeBytes((header.getKey() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            byte[] body = request.body();
            if (body != null) {
                head.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(head.toByteArray());
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException refusedMidBody) {
                // a server may answer (e.g. 413) and close before reading a huge body; read what it said
            }
            return read(socket.getInputStream());
        }
    }

    private static Reply read(InputStream in) throws IOException {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (SocketTimeoutException hang) {
            throw hang;
        } catch (IOException reset) {
            return new Reply(0, "", "connection reset: " + reset.getMessage());
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        while (text.startsWith("HTTP/1.1 1") && text.indexOf("\r\n\r\n") > 0) {
            text = text.substring(text.indexOf("\r\n\r\n") + 4); // an interim answer, e.g. 100 Continue
        }
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            return new Reply(0, "", text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).trim();
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        String body = text.substring(end + 4);
        return new Reply(status, contentType, chunked ? unchunk(body) : body);
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.append(body, start, Math.min(body.length(), start + size));
            at = start + size + 2;
        }
        return out.toString();
    }
}
