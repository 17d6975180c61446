package org.panelwatch.alert.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.panelwatch.alert.rest.ApiObjects.SubscriberCreated;
import org.panelwatch.alert.rest.ApiObjects.SubscriberKey;
import org.panelwatch.alert.rest.ApiObjects.SubscriberRequest;
import org.panelwatch.alert.service.SubscriberService;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/subscribers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubscriberResource {

    private final SubscriberService subscribers;

    public SubscriberResource(SubscriberService subscribers) {
        this.subscribers = subscribers;
    }

    /** The API key is in this answer only; it is stored as a hash. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a subscriber (admin): {name, email}; the answer holds its API key, shown this once")
    @APIResponse(responseCode = "201", description = "The subscriber, with its API key",
            content = @Content(schema = @Schema(implementation = SubscriberCreated.class)),
            headers = @Header(name = "Location", description = "The new subscriber's URL"))
    public Response create(@Valid @NotNull(message = "is required") SubscriberRequest request) {
        SubscriberService.Created c = subscribers.create(request.name(), request.email());
        return Response.created(URI.create("/api/v1/subscribers/" + c.subscriber().id()))
                .entity(new SubscriberCreated(c.subscriber().id(), c.subscriber().name(), c.subscriber().email(), c.apiKey(),
                        c.subscriber().createdAt()))
                .build();
    }

    /** Deletes the subscriber; its subscriptions, alerts and deliveries go with it. */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a subscriber (admin), with its subscriptions, alerts and deliveries; its key stops working")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") UUID id) {
        subscribers.delete(id);
        return Response.noContent().build();
    }

    /** The new key is in this answer only; the old key answers 401 from now on. */
    @POST
    @Path("{id}/key")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Rotate a subscriber's API key (admin): the new key is shown this once, the old one stops working at once")
    @APIResponse(responseCode = "200", description = "The subscriber's new API key",
            content = @Content(schema = @Schema(implementation = SubscriberKey.class)))
    public SubscriberKey rotateKey(@PathParam("id") UUID id) {
        return new SubscriberKey(id, subscribers.rotateKey(id));
    }
}
