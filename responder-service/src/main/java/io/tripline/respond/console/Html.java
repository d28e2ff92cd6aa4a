package io.tripline.respond.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The console's HTML building blocks: escaping, the page frame with its navigation and stylesheet, and
 * the small fragments every page uses. Every value that reaches a page goes through {@link #esc}: titles,
 * entities and evidence come from findings, that is from attackers' data.
 */
final class Html {

    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
            header{background:#1d2b3a;color:#fff;padding:.6em 1.2em;display:flex;gap:1.2em;align-items:center}
            header a{color:#cfe3ff;text-decoration:none}header a.on{color:#fff;font-weight:600}
            header .who{margin-left:auto;color:#aab}header form{display:inline}
            main{padding:1em 1.4em;max-width:1200px}h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.6em}
            table{border-collapse:collapse;width:100%;background:#fff}
            th,td{border-bottom:1px solid #e2e5ea;padding:.35em .5em;text-align:left;vertical-align:top}
            th{background:#eef1f5;font-weight:600}code{font-size:12px;word-break:break-all}
            .score{font-weight:700}.CRITICAL{color:#b00020}.HIGH{color:#c45500}.MEDIUM{color:#8a6d00}
            .state{font-weight:600}.SUCCEEDED{color:#11772d}.FAILED{color:#b00020}.PROPOSED,.HELD{color:#8a5a00}
            .error{background:#fde8e8;border:1px solid #e8a0a0;padding:.6em;margin:1em 0}
            .muted{color:#6b7280}form.inline{display:inline}button{cursor:pointer;padding:.2em .8em}
            label{display:block;margin:.6em 0 .2em}input[type=text],input[type=password]{width:22em;padding:.3em}
            """;

    /** The Content-Security-Policy of every page: no scripts at all, only this stylesheet, forms to ourselves. */
    static final String CSP = "default-src 'none'; style-src '" + sha256(CSS) + "'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private Html() {
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** The value as HTML text (and attribute) content; null is empty. */
    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A path segment: ids come from data too, so they are encoded before they become part of a URL. */
    static String seg(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String time(Instant instant) {
        return instant == null ? "–" : esc(instant.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    static String codes(Collection<?> values) {
        return values.isEmpty() ? "<span class=\"muted\">–</span>"
                : values.stream().map(v -> "<code>" + esc(v) + "</code>").collect(Collectors.joining(" "));
    }

    /** A state with its colour; the class is one of our own enum names, the text escaped anyway. */
    static String state(Object state) {
        return "<span class=\"state " + esc(state) + "\">" + esc(state) + "</span>";
    }

    /** A page for a logged-in operator: navigation (with {@code active} highlighted), who is logged in, logout. */
    static String page(String title, String active, ConsoleSessions.Session session, String body) {
        StringBuilder nav = new StringBuilder("<header><strong>Tripline</strong>");
        for (String[] item : new String[][] {{"incidents", "Incidents"}, {"approvals", "Pending approvals"}, {"audit", "Audit trail"}}) {
            nav.append("<a href=\"/console/").append(item[0]).append('"')
                    .append(item[0].equals(active) ? " class=\"on\"" : "").append('>').append(item[1]).append("</a>");
        }
        nav.append("<span class=\"who\">").append(esc(session.actor())).append("</span>")
                .append("<form method=\"post\" action=\"/console/logout\">").append(csrfField(session))
                .append("<button type=\"submit\">Log out</button></form></header>");
        return frame(title, nav + "<main><h1>" + esc(title) + "</h1>" + body + "</main>");
    }

    static String frame(String title, String content) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + " · Tripline</title><style>" + CSS + "</style></head><body>" + content + "</body></html>";
    }

    static String csrfField(ConsoleSessions.Session session) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(session.csrf()) + "\">";
    }

    static String error(String message) {
        return "<div class=\"error\" role=\"alert\">" + esc(message) + "</div>";
    }
}
