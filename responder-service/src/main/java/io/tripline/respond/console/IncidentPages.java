package io.tripline.respond.console;

import static io.tripline.respond.console.Html.esc;
import static io.tripline.respond.console.Html.seg;
import static io.tripline.respond.console.Html.time;

import java.util.List;

import io.tripline.schema.v1.Incident;
import io.tripline.schema.v1.RiskFactor;

/** Renders the incident list and an incident's page (timeline, score factors, actions). */
final class IncidentPages {

    private IncidentPages() {
    }

    static String list(ConsoleSessions.Session session, List<IncidentBoard.Summary> incidents) {
        if (incidents.isEmpty()) {
            return Html.page("Incidents", "incidents", session, "<p class=\"muted\">No incidents yet.</p>");
        }
        StringBuilder t = new StringBuilder("<table id=\"incidents\"><tr><th>Score</th><th>Incident</th><th>Entity</th>"
                + "<th>Status</th><th>Top factors</th><th>Last seen</th><th>Actions</th></tr>");
        for (IncidentBoard.Summary s : incidents) {
            t.append("<tr class=\"incident\" data-id=\"").append(esc(s.incidentId())).append("\"><td class=\"score ")
                    .append(esc(s.riskLevel())).append("\">").append(s.riskScore()).append("<br><span class=\"muted\">")
                    .append(esc(s.riskLevel())).append("</span></td><td><a href=\"/console/incidents/")
                    .append(esc(seg(s.incidentId()))).append("\">").append(esc(s.title())).append("</a><br><code class=\"muted\">")
                    .append(esc(s.incidentId())).append("</code></td><td><code>").append(esc(s.entity())).append("</code></td><td>")
                    .append(esc(s.status())).append("</td><td>").append(factors(s.topFactors())).append("</td><td>")
                    .append(time(s.lastSeen())).append("</td><td>").append(s.actions())
                    .append(s.pending() > 0 ? " (<a href=\"/console/approvals\">" + s.pending() + " pending</a>)" : "")
                    .append("</td></tr>");
        }
        return Html.page("Incidents", "incidents", session, t.append("</table>").toString());
    }

    static String detail(ConsoleSessions.Session session, IncidentBoard.Detail d) {
        IncidentBoard.Summary s = d.summary();
        StringBuilder b = new StringBuilder("<p><span class=\"score ").append(esc(s.riskLevel())).append("\">Risk ")
                .append(s.riskScore()).append(' ').append(esc(s.riskLevel())).append("</span> · ").append(esc(s.status()))
                .append(" · <code>").append(esc(s.entity())).append("</code> · <code>").append(esc(s.incidentId()))
                .append("</code></p>");
        Incident incident = d.incident();
        if (incident == null) {
            b.append("<p class=\"muted\">This incident is known from its actions only (the responder restarted since it "
                    + "arrived); top factors: ").append(factors(s.topFactors())).append("</p>");
        } else {
            b.append("<p>Account <code>").append(esc(incident.getAccountId())).append("</code> · region <code>")
                    .append(esc(incident.getRegion())).append("</code> · first seen ").append(time(incident.getFirstSeen()))
                    .append(" · last seen ").append(time(incident.getLastSeen())).append(" · tactics ")
                    .append(Html.codes(incident.getTactics())).append("</p>");
            b.append("<h2>Evidence timeline</h2>").append(timeline(d.timeline()));
            b.append("<h2>Score factors</h2><table id=\"factors\"><tr><th>Factor</th><th>Points</th><th>Evidence</th></tr>");
            for (RiskFactor f : incident.getFactors()) {
                b.append("<tr><td>").append(esc(f.getName())).append("</td><td>+").append(f.getPoints()).append("</td><td>")
                        .append(Html.codes(f.getEvidence())).append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append("<h2>Actions</h2>").append(d.actions().isEmpty() ? "<p class=\"muted\">No playbook matched.</p>"
                : ActionPages.actionsTable(session, d.actions(), false));
        return Html.page(s.title(), "incidents", session, b.toString());
    }

    private static String timeline(List<IncidentBoard.TimelineEntry> entries) {
        if (entries.isEmpty()) {
            return "<p class=\"muted\">The incident names no members.</p>";
        }
        StringBuilder t = new StringBuilder("<table id=\"timeline\"><tr><th>Time</th><th>Kind</th><th>What</th>"
                + "<th>Evidence</th></tr>");
        for (IncidentBoard.TimelineEntry e : entries) {
            t.append("<tr><td>").append(time(e.time())).append("</td><td>").append(esc(e.kind())).append("</td><td>")
                    .append(esc(e.what())).append("<br><span class=\"muted\">").append(esc(e.detail()))
                    .append("</span><br><code class=\"muted\">").append(esc(e.id())).append("</code></td><td>")
                    .append(Html.codes(e.evidence())).append("</td></tr>");
        }
        return t.append("</table>").toString();
    }

    private static String factors(List<String> factors) {
        return factors.isEmpty() ? "<span class=\"muted\">–</span>" : String.join("<br>", factors.stream().map(Html::esc).toList());
    }
}
