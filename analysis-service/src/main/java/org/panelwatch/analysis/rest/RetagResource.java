package org.panelwatch.analysis.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.analysis.api.RetagJob;
import org.panelwatch.analysis.service.RetagService;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/admin/retag")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class RetagResource {

    private final RetagService retag;

    public RetagResource(RetagService retag) {
        this.retag = retag;
    }

    @POST
    @Operation(summary = "Re-apply the current catalogue to items stored since the given time (all when absent); 202 with the job")
    public Response start(@QueryParam("since") String since) {
        RetagJob job = retag.start(since);
        return Response.accepted(job).location(URI.create("/api/v1/admin/retag/" + job.id())).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Progress and summary of a retag")
    public RetagJob get(@PathParam("id") String id) {
        return retag.job(id);
    }
}
