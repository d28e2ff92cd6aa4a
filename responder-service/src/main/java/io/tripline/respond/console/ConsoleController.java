package io.tripline.respond.console;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.CookieValue;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tripline.respond.api.BearerAuth;
import io.tripline.respond.engine.Approvals;
import io.tripline.respond.ledger.LedgerException;
import io.tripline.schema.v1.RemediationAction;

/**
 * The analyst console: server-rendered pages over the same services as the approvals API. Logging in
 * with the API's bearer token opens a session (HttpOnly, SameSite=Strict cookie); every page needs one
 * and sends the operator to the login page otherwise. Approve and reject are POST forms carrying the
 * session's CSRF token; they call {@link Approvals} with the logged-in operator as the actor.
 */
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
public class ConsoleController {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleController.class);
    private static final int AUDIT_ROWS = 500;
    private static final int MAX_ACTOR = 64;

    private final BearerAuth auth;
    private final ConsoleSessions sessions;
    private final IncidentBoard board;
    private final Approvals approvals;
    private final AuditTrail audit;

    public ConsoleController(BearerAuth auth, ConsoleSessions sessions, IncidentBoard board, Approvals approvals,
                             AuditTrail audit) {
        this.auth = auth;
        this.sessions = sessions;
        this.board = board;
        this.approvals = approvals;
        this.audit = audit;
    }

    @Get
    public HttpResponse<?> home() {
        return redirect("/console/incidents");
    }

    @Get("/login")
    public HttpResponse<?> loginPage() {
        return html(HttpStatus.OK, ActionPages.login(null, ""));
    }

    @Post("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> login(HttpRequest<?> request, @Body @Nullable Map<String, String> body) {
        Map<String, String> form = body == null ? Map.of() : body;
        String user = form.getOrDefault("user", "").trim();
        String token = form.getOrDefault("token", "");
        if (token.isBlank() || auth.check("Bearer " + token) != BearerAuth.Result.OK) {
            LOG.warn("Console login refused: token not accepted (from {})", request.getRemoteAddress().getAddress());
            return html(HttpStatus.UNAUTHORIZED, ActionPages.login("That token is not accepted.", user));
        }
        if (user.isEmpty() || user.length() > MAX_ACTOR || !user.matches("[\\x21-\\x7E][\\x20-\\x7E]*")) {
            return html(HttpStatus.BAD_REQUEST, ActionPages.login(
                    "Enter your name (up to " + MAX_ACTOR + " printable characters): it is recorded on what you approve.", user));
        }
        ConsoleSessions.Session session = sessions.open(user);
        LOG.info("Console login by {}", user);
        return redirect("/console/incidents").cookie(Cookie.of(ConsoleSessions.COOKIE, session.id()).httpOnly(true)
                .sameSite(SameSite.Strict).path("/console").secure(request.isSecure()));
    }

    @Post("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> logout(@CookieValue(ConsoleSessions.COOKIE) @Nullable String sid, @Body @Nullable Map<String, String> body) {
        String csrf = body == null ? null : body.get("csrf");
        sessions.find(sid).filter(s -> ConsoleSessions.csrfMatches(s, csrf)).ifPresent(s -> sessions.close(s.id()));
        return redirect("/console/login").cookie(Cookie.of(ConsoleSessions.COOKIE, "").path("/console").maxAge(0));
    }

    @Get("/incidents")
    public HttpResponse<?> incidents(@CookieValue(ConsoleSessions.COOKIE) @Nullable String sid) {
        return sessions.find(sid).<HttpResponse<?>>map(s -> html(HttpStatus.OK, IncidentPages.list(s, board.incidents())))
                .orElseGet(ConsoleController::toLogin);
    }

    @Get("/incidents/{id}")
    public HttpResponse<?> incident(@CookieValue(ConsoleSessions.COOKIE) @Nullable String sid, @PathVariable String id) {
        Optional<ConsoleSessions.Session> session = sessions.find(sid);
        if (session.isEmpty()) {
            return toLogin();
        }
        return board.incident(id).<HttpResponse<?>>map(d -> html(HttpStatus.OK, IncidentPages.detail(session.get(), d)))
                .orElseGet(() -> html(HttpStatus.NOT_FOUND, ActionPages.message(session.get(), "Not found", "No incident " + id)));
    }

    @Get("/approvals")
    public HttpResponse<?> pending(@CookieValue(ConsoleSessions.COOKIE) @Nullable String sid) {
        return sessions.find(sid).<HttpResponse<?>>map(s -> html(HttpStatus.OK, ActionPages.approvals(s, approvals.pending())))
                .orElseGet(ConsoleController::toLogin);
    }

    @Get("/audit")
    public HttpResponse<?> audit(@CookieValue(ConsoleSessions.COOKIE) @Nullable String sid) {
        return sessions.find(sid).<HttpResponse<?>>map(s -> html(HttpStatus.OK, ActionPages.audit(s, audit.read(AUDIT_ROWS))))
                .orElseGet(ConsoleController::toLogin);
    }

    @Post("/actions/{id}/{decision}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> decide(@CookieValue(ConsoleSessions.COOKIE) @Nullable String sid, @PathVariable String id,
                                  @PathVariable String decision, @Body @Nullable Map<String, String> body) {
        Optional<ConsoleSessions.Session> found = sessions.find(sid);
        if (found.isEmpty()) {
            return toLogin();
        }
        ConsoleSessions.Session session = found.get();
        if (!ConsoleSessions.csrfMatches(session, body == null ? null : body.get("csrf"))) {
            LOG.warn("Console {} of action {} by {} refused: missing or wrong CSRF token", decision, id, session.actor());
            return html(HttpStatus.FORBIDDEN, ActionPages.message(session, "Refused",
                    "This form did not come from your console session. Reload the page and try again."));
        }
        try {
            RemediationAction result = switch (decision) {
                case "approve" -> approvals.approve(id, session.actor());
                case "reject" -> approvals.reject(id, session.actor());
                default -> null;
            };
            if (result == null) {
                return html(HttpStatus.NOT_FOUND, ActionPages.message(session, "Not found", "No decision " + decision));
            }
            LOG.info("Console: action {} {} by {}, now {}", id, decision, session.actor(), result.getState());
            return redirect("/console/incidents/" + Html.seg(result.getIncidentId()) + "#action-" + Html.seg(id));
        } catch (Approvals.NotFound e) {
            return html(HttpStatus.NOT_FOUND, ActionPages.message(session, "Not found", e.getMessage()));
        } catch (Approvals.Conflict e) {
            return html(HttpStatus.CONFLICT, ActionPages.message(session, "Not possible", e.getMessage()));
        } catch (LedgerException e) {
            // nothing was done: the transition could not be recorded, so it was not acted on
            return html(HttpStatus.SERVICE_UNAVAILABLE, ActionPages.message(session, "Ledger unavailable",
                    "Nothing was done: " + e.getMessage()));
        }
    }

    private static MutableHttpResponse<?> toLogin() {
        return redirect("/console/login");
    }

    private static MutableHttpResponse<?> redirect(String path) {
        return HttpResponse.seeOther(URI.create(path)).header("Cache-Control", "no-store");
    }

    private static MutableHttpResponse<?> html(HttpStatus status, String body) {
        return HttpResponse.status(status).body(body).contentType(MediaType.TEXT_HTML_TYPE + ";charset=utf-8")
                .header("Content-Security-Policy", Html.CSP)
                .header("X-Content-Type-Options", "nosniff")
                // not no-referrer: under it browsers send "Origin: null" with form posts, which Micronaut's
                // drive-by-localhost protection rightly refuses
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store");
    }
}
