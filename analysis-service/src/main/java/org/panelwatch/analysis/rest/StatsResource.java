package org.panelwatch.analysis.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.analysis.service.ReadService;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class StatsResource {

    private final ReadService read;
    private final Conditional conditional;

    public StatsResource(ReadService read, Conditional conditional) {
        this.read = read;
        this.conditional = conditional;
    }

    @GET
    @Path("topics")
    @Operation(summary = "Items per topic per hour or day (UTC) in [since, until)")
    public Response topics(@QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("bucket") String bucket, @Context Request request, @Context UriInfo uri) {
        return conditional.okRecent(request, uri, () -> read.topicStats(since, until, bucket));
    }

    @GET
    @Path("overview")
    @Operation(summary = "For [since, until) (default the last 30 days): the 20 entities named in the most items "
            + "(countries left out) and, per UTC week, the russia-dprk-military signals and how many analysts confirmed "
            + "or called false alarms (the latest verdict per item)")
    public Response overview(@QueryParam("since") String since, @QueryParam("until") String until,
            @Context Request request, @Context UriInfo uri) {
        return conditional.okRecent(request, uri, () -> read.overview(since, until));
    }
}
