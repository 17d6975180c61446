package org.panelwatch.analysis.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.analysis.service.ReadService;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/stories")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class StoryResource {

    private final ReadService read;
    private final Conditional conditional;

    public StoryResource(ReadService read, Conditional conditional) {
        this.read = read;
        this.conditional = conditional;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "The items that report the same story, first report first")
    public Response get(@PathParam("id") String id, @Context Request request) {
        return conditional.ok(request, read.story(id));
    }
}
