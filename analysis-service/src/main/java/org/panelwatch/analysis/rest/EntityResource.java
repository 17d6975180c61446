package org.panelwatch.analysis.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.analysis.service.ReadService;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/entities")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class EntityResource {

    private final ReadService read;
    private final Conditional conditional;

    public EntityResource(ReadService read, Conditional conditional) {
        this.read = read;
        this.conditional = conditional;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An entity (its UN reference KPi.nnn/KPe.nnn when listed, else type-name as in the item's "
            + "entities) and the items that mention it, newest first, keyset-paginated")
    public Response get(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context Request request) {
        return conditional.ok(request, read.entity(id, limit, cursor));
    }
}
