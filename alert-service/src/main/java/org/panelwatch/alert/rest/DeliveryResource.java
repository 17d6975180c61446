package org.panelwatch.alert.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.alert.mapping.ApiMapper;
import org.panelwatch.alert.rest.ApiObjects.DeliveryList;
import org.panelwatch.alert.service.DeliveryService;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private final DeliveryService deliveries;
    private final ApiMapper mapper;
    private final SecurityIdentity identity;

    public DeliveryResource(DeliveryService deliveries, ApiMapper mapper, SecurityIdentity identity) {
        this.deliveries = deliveries;
        this.mapper = mapper;
        this.identity = identity;
    }

    /** Newest first, each with every attempt (time, status code or error, duration). */
    @GET
    @Operation(summary = "Deliveries newest first, each with every attempt; by subscription and status")
    @RolesAllowed({Roles.SUBSCRIBER, Roles.ADMIN})
    public DeliveryList list(@QueryParam("subscriptionId") UUID subscriptionId, @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return new DeliveryList(deliveries.list(Callers.of(identity), subscriptionId, status, limit).stream()
                .map(mapper::view).toList());
    }
}
