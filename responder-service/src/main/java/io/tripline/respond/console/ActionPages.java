package io.tripline.respond.console;

import static io.tripline.respond.console.Html.esc;
import static io.tripline.respond.console.Html.seg;
import static io.tripline.respond.console.Html.time;

import java.util.List;

import io.tripline.schema.v1.RemediationAction;

/** Renders the login page, the pending approvals, action tables and the audit trail. */
final class ActionPages {

    private ActionPages() {
    }

    static String login(String error, String user) {
        return Html.frame("Log in", "<main><h1>Tripline analyst console</h1>"
                + (error == null ? "" : Html.error(error))
                + "<form method=\"post\" action=\"/console/login\">"
                + "<label for=\"user\">Your name (recorded on what you approve)</label>"
                + "<input type=\"text\" id=\"user\" name=\"user\" autocomplete=\"username\" required value=\"" + esc(user) + "\">"
                + "<label for=\"token\">Approvals token</label>"
                + "<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"current-password\" required>"
                + "<p><button type=\"submit\" id=\"login\">Log in</button></p></form></main>");
    }

    /** A message page (not found, conflict, refused form) inside the console frame. */
    static String message(ConsoleSessions.Session session, String title, String message) {
        return Html.page(title, "", session, Html.error(message) + "<p><a href=\"/console/approvals\">Back to pending approvals</a></p>");
    }

    static String approvals(ConsoleSessions.Session session, List<RemediationAction> pending) {
        String body = pending.isEmpty() ? "<p class=\"muted\">Nothing is waiting for a decision.</p>"
                : actionsTable(session, pending, true);
        return Html.page("Pending approvals", "approvals", session, body);
    }

    /**
     * Actions as a table; pending ones carry approve and reject buttons (POST forms with the session's
     * CSRF token). Each row's id is the action id, so people and tests can point at one.
     */
    static String actionsTable(ConsoleSessions.Session session, List<RemediationAction> actions, boolean linkIncident) {
        StringBuilder t = new StringBuilder("<table id=\"actions\"><tr><th>Action</th><th>Target</th>"
                + (linkIncident ? "<th>Incident</th>" : "")
                + "<th>State</th><th>Verified</th><th>Actor</th><th>Reason</th><th>Updated</th><th></th></tr>");
        for (RemediationAction a : actions) {
            t.append("<tr id=\"action-").append(esc(a.getActionId())).append("\" data-type=\"").append(esc(a.getActionType()))
                    .append("\"><td>").append(esc(a.getActionType())).append("<br><code class=\"muted\">")
                    .append(esc(a.getActionId())).append("</code></td><td><code>").append(esc(a.getTarget()))
                    .append("</code><br><span class=\"muted\">").append(esc(a.getAccountId())).append(' ')
                    .append(esc(a.getRegion())).append("</span></td>");
            if (linkIncident) {
                t.append("<td><a href=\"/console/incidents/").append(esc(seg(a.getIncidentId()))).append("\">")
                        .append(esc(a.getDetails().getOrDefault("incident.title", a.getIncidentId()))).append("</a></td>");
            }
            t.append("<td class=\"action-state\">").append(Html.state(a.getState())).append("<br><span class=\"muted\">")
                    .append(esc(a.getMode())).append("</span></td><td class=\"action-verified\">")
                    .append(a.getVerified() == null ? "–" : a.getVerified() ? "verified" : "NOT verified")
                    .append("</td><td>").append(esc(a.getActor())).append("</td><td>").append(esc(a.getReason()))
                    .append(a.getExpiresAt() == null || !IncidentBoard.isPending(a) ? ""
                            : "<br><span class=\"muted\">expires " + time(a.getExpiresAt()) + "</span>")
                    .append("</td><td>").append(time(a.getUpdatedAt())).append("</td><td>");
            if (IncidentBoard.isPending(a)) {
                t.append(decisionForm(session, a, "approve", "Approve")).append(' ').append(decisionForm(session, a, "reject", "Reject"));
            }
            t.append("</td></tr>");
        }
        return t.append("</table>").toString();
    }

    private static String decisionForm(ConsoleSessions.Session session, RemediationAction a, String decision, String label) {
        return "<form class=\"inline\" method=\"post\" action=\"/console/actions/" + esc(seg(a.getActionId())) + "/" + decision
                + "\">" + Html.csrfField(session) + "<button type=\"submit\" name=\"decision\" value=\"" + decision
                + "\" class=\"" + decision + "\">" + label + "</button></form>";
    }

    static String audit(ConsoleSessions.Session session, AuditTrail.View view) {
        StringBuilder b = new StringBuilder();
        if (view.chain().intact()) {
            b.append("<p>Hash chain intact: ").append(view.chain().checked()).append(" records checked.</p>");
        } else {
            b.append(Html.error("Hash chain BROKEN at " + view.chain().firstBreak().orElse("?")));
        }
        if (view.total() > view.entries().size()) {
            b.append("<p class=\"muted\">The newest ").append(view.entries().size()).append(" of ").append(view.total())
                    .append(" records.</p>");
        }
        b.append("<table id=\"audit\"><tr><th>#</th><th>Time</th><th>Action</th><th>Transition</th><th>Actor</th>"
                + "<th>Reason</th><th>Hash</th></tr>");
        for (AuditTrail.Entry e : view.entries()) {
            b.append("<tr><td>").append(e.sequence()).append("</td><td>").append(time(e.time())).append("</td><td>")
                    .append(esc(e.actionType())).append(" <code>").append(esc(e.target())).append("</code><br><code class=\"muted\">")
                    .append(esc(e.actionId())).append("</code></td><td>")
                    .append(e.from() == null ? "" : esc(e.from()) + " → ").append(Html.state(e.to())).append("</td><td>")
                    .append(esc(e.actor())).append("</td><td>").append(esc(e.reason())).append("</td><td><code>")
                    .append(esc(e.hash() == null ? "" : e.hash().substring(0, Math.min(12, e.hash().length()))))
                    .append("</code></td></tr>");
        }
        return Html.page("Audit trail", "audit", session, b.append("</table>").toString());
    }
}
