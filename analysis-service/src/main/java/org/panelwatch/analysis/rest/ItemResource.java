package org.panelwatch.analysis.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.analysis.api.ItemListQuery;
import org.panelwatch.analysis.service.ReadService;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/items")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class ItemResource {

    private final ReadService read;
    private final Conditional conditional;

    public ItemResource(ReadService read, Conditional conditional) {
        this.read = read;
        this.conditional = conditional;
    }

    @GET
    @Operation(summary = "Items newest first; topic (comma-separated, any), signal type, since/until, q, lang; keyset-paginated")
    public Response list(@BeanParam ItemListQuery query, @Context Request request, @Context UriInfo uri) {
        return conditional.okRecent(request, uri, () -> read.items(query));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One item with its topics, evidence, entities, signals, story and duplicateOf")
    public Response get(@PathParam("id") String id, @Context Request request) {
        return conditional.ok(request, read.item(id));
    }
}
