package org.panelwatch.alert.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.panelwatch.alert.mapping.ApiMapper;
import org.panelwatch.alert.repository.Subscription;
import org.panelwatch.alert.rest.ApiObjects.SecretRotated;
import org.panelwatch.alert.rest.ApiObjects.SubscriptionList;
import org.panelwatch.alert.rest.ApiObjects.SubscriptionRequest;
import org.panelwatch.alert.rest.ApiObjects.SubscriptionView;
import org.panelwatch.alert.rest.ApiObjects.TestView;
import org.panelwatch.alert.service.SubscriptionService;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUBSCRIBER, Roles.ADMIN})
public class SubscriptionResource {

    private final SubscriptionService subscriptions;
    private final ApiMapper mapper;
    private final SecurityIdentity identity;

    public SubscriptionResource(SubscriptionService subscriptions, ApiMapper mapper, SecurityIdentity identity) {
        this.subscriptions = subscriptions;
        this.mapper = mapper;
        this.identity = identity;
    }

    /** A webhook subscription's signing secret is in this answer only. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe to signals: channel (webhook, email, sse), filter, immediate or digest; a webhook's secret is shown this once")
    @APIResponse(responseCode = "201", description = "The subscription, with a webhook's signing secret",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)),
            headers = @Header(name = "Location", description = "The new subscription's URL"))
    public Response create(@Valid @NotNull(message = "is required") SubscriptionRequest request) {
        Subscription s = subscriptions.create(Callers.of(identity), mapper.draft(request));
        return Response.created(URI.create("/api/v1/subscriptions/" + s.id())).entity(mapper.view(s, true)).build();
    }

    @GET
    @Operation(summary = "The caller's subscriptions")
    public SubscriptionList list() {
        return new SubscriptionList(subscriptions.list(Callers.of(identity)).stream().map(s -> mapper.view(s, false)).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One subscription")
    public SubscriptionView get(@PathParam("id") UUID id) {
        return mapper.view(subscriptions.get(Callers.of(identity), id), false);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a subscription's channel, filter and schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    public SubscriptionView update(@PathParam("id") UUID id,
            @Valid @NotNull(message = "is required") SubscriptionRequest request) {
        return mapper.view(subscriptions.update(Callers.of(identity), id, mapper.draft(request)), false);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a subscription")
    public Response delete(@PathParam("id") UUID id) {
        subscriptions.delete(Callers.of(identity), id);
        return Response.noContent().build();
    }

    /** The new secret is in this answer only; the replaced one keeps signing beside it for the overlap. */
    @POST
    @Path("{id}/secret")
    @Operation(summary = "Rotate a webhook subscription's signing secret: the new one is shown this once; both sign "
            + "(two signatures in webhook-signature) until previousSecretValidUntil")
    @APIResponse(responseCode = "200", description = "The new secret and the end of the overlap",
            content = @Content(schema = @Schema(implementation = SecretRotated.class)))
    @APIResponse(responseCode = "409", description = "The subscription is not a webhook")
    public SecretRotated rotateSecret(@PathParam("id") UUID id) {
        SubscriptionService.RotatedSecret r = subscriptions.rotateSecret(Callers.of(identity), id);
        return new SecretRotated(id, r.secret(), r.previousValidUntil());
    }

    /** Sends a clearly marked test alert through the real channel and answers how it went. */
    @POST
    @Path("{id}/test")
    @Operation(summary = "Send a marked test alert through the subscription's channel and answer how it went")
    public TestView test(@PathParam("id") UUID id) {
        SubscriptionService.TestResult r = subscriptions.sendTest(Callers.of(identity), id);
        return new TestView(r.deliveryId(), r.delivered() ? "delivered" : "failed", r.statusCode(), r.error(), r.durationMs());
    }
}
