package io.tripline.simulator.ec2;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A tiny streaming XML writer for the XML protocols the simulator speaks (EC2 Query, Query, REST-XML).
 * It lives here because EC2 is its biggest user; IAM, S3 and SNS reuse it so escaping is written once.
 * Null leaf values are skipped, which is how AWS omits absent optional members.
 */
public final class XmlWriter {

    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    private final Deque<String> open = new ArrayDeque<>();

    /** Opens the root element with a default namespace. */
    public XmlWriter root(String name, String namespace) {
        out.append('<').append(name);
        if (namespace != null) {
            out.append(" xmlns=\"").append(escape(namespace)).append('"');
        }
        out.append('>');
        open.push(name);
        return this;
    }

    /**
     * Opens a Query-protocol answer: {@code <ActionResponse xmlns=..><ActionResult>}; finish it with
     * {@link #finishQuery}, which appends the ResponseMetadata/RequestId the SDK reads.
     */
    public static XmlWriter queryResponse(String action, String namespace) {
        return new XmlWriter().root(action + "Response", namespace).start(action + "Result");
    }

    /** Closes everything below the root, adds ResponseMetadata, and returns the document. */
    public String finishQuery(String requestId) {
        while (open.size() > 1) {
            end();
        }
        return start("ResponseMetadata").leaf("RequestId", requestId).end().toString();
    }

    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    public XmlWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** Writes {@code <name>value</name>}, or nothing when value is null. */
    public XmlWriter leaf(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>').append(escape(String.valueOf(value))).append("</").append(name).append('>');
        }
        return this;
    }

    /** Closes every open element and returns the document. */
    @Override
    public String toString() {
        while (!open.isEmpty()) {
            end();
        }
        return out.toString();
    }

    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\r' -> sb.append("&#13;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
