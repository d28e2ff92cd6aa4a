package io.tripline.respond.api;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tripline.respond.engine.Approvals;
import io.tripline.respond.ledger.Ledger;
import io.tripline.respond.ledger.LedgerException;

/**
 * The approvals API: list actions (pending ones by default), approve, reject and roll back. Every
 * request needs the configured bearer token; the caller names itself in {@code actor}, which is
 * recorded on the action together with the transition.
 */
@Controller("/actions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ActionsController {

    private final Approvals approvals;
    private final Ledger ledger;
    private final BearerAuth auth;

    public ActionsController(Approvals approvals, Ledger ledger, BearerAuth auth) {
        this.approvals = approvals;
        this.ledger = ledger;
        this.auth = auth;
    }

    @Get
    public HttpResponse<?> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                @QueryValue(defaultValue = "true") boolean pending, @QueryValue @Nullable String state) {
        return guarded(authorization, () -> {
            List<ActionView> views = (pending && state == null ? approvals.pending() : ledger.all().stream()
                    .filter(a -> state == null || a.getState().name().equals(state.toUpperCase(Locale.ROOT))).toList())
                    .stream().map(ActionView::of).toList();
            return HttpResponse.ok(views);
        });
    }

    @Get("/{id}")
    public HttpResponse<?> get(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization, @PathVariable String id) {
        return guarded(authorization, () -> HttpResponse.ok(ActionView.of(approvals.get(id))));
    }

    @Post("/{id}/approve")
    public HttpResponse<?> approve(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                   @PathVariable String id, @Body @Nullable ActorRequest body) {
        return guarded(authorization, () -> HttpResponse.ok(ActionView.of(approvals.approve(id, actor(body)))));
    }

    @Post("/{id}/reject")
    public HttpResponse<?> reject(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                  @PathVariable String id, @Body @Nullable ActorRequest body) {
        return guarded(authorization, () -> HttpResponse.ok(ActionView.of(approvals.reject(id, actor(body)))));
    }

    @Post("/{id}/rollback")
    public HttpResponse<?> rollback(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                    @PathVariable String id, @Body @Nullable ActorRequest body) {
        return guarded(authorization, () -> HttpResponse.ok(ActionView.of(approvals.rollback(id, actor(body)))));
    }

    private HttpResponse<?> guarded(String authorization, Supplier<HttpResponse<?>> call) {
        switch (auth.check(authorization)) {
            case MISSING -> {
                return HttpResponse.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                        .body(new ApiError("bearer token required"));
            }
            case WRONG -> {
                return HttpResponse.status(HttpStatus.FORBIDDEN).body(new ApiError("bearer token not accepted"));
            }
            default -> {
                try {
                    return call.get();
                } catch (Approvals.NotFound e) {
                    return HttpResponse.notFound(new ApiError(e.getMessage()));
                } catch (Approvals.Conflict e) {
                    return HttpResponse.status(HttpStatus.CONFLICT).body(new ApiError(e.getMessage()));
                } catch (LedgerException e) {
                    // nothing was done: the transition could not be recorded, so it was not acted on
                    return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(new ApiError(e.getMessage()));
                }
            }
        }
    }

    private static String actor(ActorRequest body) {
        String actor = body == null || body.actor() == null || body.actor().isBlank() ? "api" : body.actor().trim();
        // the actor lands in the audit trail: keep it a short, printable name
        return actor.length() > 128 ? actor.substring(0, 128) : actor.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
