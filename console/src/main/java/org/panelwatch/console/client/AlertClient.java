package org.panelwatch.console.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.panelwatch.console.client.AlertApi.DeliveryList;
import org.panelwatch.console.client.AlertApi.Subscription;
import org.panelwatch.console.client.AlertApi.SubscriptionList;
import org.panelwatch.console.client.AlertApi.SubscriptionRequest;
import org.panelwatch.console.client.AlertApi.TestResult;

/** alert-service's subscriptions and deliveries (subscriber or admin keys). */
@RegisterRestClient(configKey = "alert")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface AlertClient {

    @GET
    @Path("subscriptions")
    SubscriptionList subscriptions(@HeaderParam("Authorization") String auth);

    @GET
    @Path("subscriptions/{id}")
    Subscription subscription(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    @POST
    @Path("subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    Subscription create(@HeaderParam("Authorization") String auth, SubscriptionRequest body);

    @PUT
    @Path("subscriptions/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    Subscription update(@HeaderParam("Authorization") String auth, @PathParam("id") String id, SubscriptionRequest body);

    @DELETE
    @Path("subscriptions/{id}")
    void delete(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    @POST
    @Path("subscriptions/{id}/test")
    TestResult test(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    @GET
    @Path("deliveries")
    DeliveryList deliveries(@HeaderParam("Authorization") String auth, @QueryParam("subscriptionId") String subscriptionId);
}
