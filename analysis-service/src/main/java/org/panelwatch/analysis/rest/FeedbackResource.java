package org.panelwatch.analysis.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.analysis.api.FeedbackRequest;
import org.panelwatch.analysis.api.FeedbackView;
import org.panelwatch.analysis.service.FeedbackService;
import org.panelwatch.analysis.service.RecentAnswers;
import org.panelwatch.common.security.Roles;

/** Analysts' feedback on an item and its signal (reader or admin), recorded with the caller. */
@Path("/api/v1/items/{id}/feedback")
@RolesAllowed(Roles.READER)
public class FeedbackResource {

    private final FeedbackService feedback;
    private final SecurityIdentity identity;
    private final RecentAnswers recentAnswers;

    public FeedbackResource(FeedbackService feedback, SecurityIdentity identity, RecentAnswers recentAnswers) {
        this.feedback = feedback;
        this.identity = identity;
        this.recentAnswers = recentAnswers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give feedback on an item: verdict confirmed | false-alarm (on a signal) | missed (no signal), "
            + "topic corrections {add, remove}, note; recorded with the caller's role and id")
    public Response give(@PathParam("id") String id,
            @Valid @NotNull(message = "is required") FeedbackRequest request) {
        // An admin key carries the reader role too; the stronger role is the one recorded.
        String role = identity.hasRole(Roles.ADMIN) ? Roles.ADMIN : Roles.READER;
        FeedbackView view = feedback.give(id, request, role, identity.getPrincipal().getName());
        // The signal list shows each item's verdicts: a list answered before this feedback (committed
        // when give returned) must not be reused.
        recentAnswers.stored();
        return Response.created(URI.create("/api/v1/items/" + id + "/feedback")).entity(view).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The feedback given on an item, oldest first")
    public List<FeedbackView> list(@PathParam("id") String id) {
        return feedback.of(id);
    }
}
