package org.panelwatch.analysis.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.analysis.service.TopicCatalogue;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/topics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class TopicResource {

    private final TopicCatalogue catalogue;
    private final Conditional conditional;

    public TopicResource(TopicCatalogue catalogue, Conditional conditional) {
        this.catalogue = catalogue;
        this.conditional = conditional;
    }

    @GET
    @Operation(summary = "The topic catalogue: ids, names, descriptions and the resolutions each rests on")
    public Response list(@Context Request request) {
        return conditional.ok(request, catalogue.topics());
    }
}
