package org.panelwatch.console.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.panelwatch.console.client.AnalysisApi.Feedback;
import org.panelwatch.console.client.AnalysisApi.FeedbackRequest;
import org.panelwatch.console.client.AnalysisApi.ItemDetail;
import org.panelwatch.console.client.AnalysisApi.Page;
import org.panelwatch.console.client.AnalysisApi.SignalEntry;
import org.panelwatch.console.client.AnalysisApi.StoryDetail;
import org.panelwatch.console.client.AnalysisApi.Topic;
import org.panelwatch.console.client.AnalysisApi.TopicStats;

/** analysis-service's read and feedback API. {@code auth} is "Bearer <the signed-in key>". */
@RegisterRestClient(configKey = "analysis")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface AnalysisClient {

    @GET
    @Path("signals")
    Page<SignalEntry> signals(@HeaderParam("Authorization") String auth, @QueryParam("type") String type,
            @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("minScore") String minScore, @QueryParam("severity") String severity,
            @QueryParam("lang") String lang, @QueryParam("source") String source, @QueryParam("topic") String topic,
            @QueryParam("q") String q, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor);

    @GET
    @Path("items/{id}")
    ItemDetail item(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    @GET
    @Path("stories/{id}")
    StoryDetail story(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    @GET
    @Path("entities/{id}")
    AnalysisApi.EntityDetail entity(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor);

    @GET
    @Path("topics")
    List<Topic> topics(@HeaderParam("Authorization") String auth);

    @GET
    @Path("stats/topics")
    TopicStats topicStats(@HeaderParam("Authorization") String auth, @QueryParam("since") String since,
            @QueryParam("until") String until, @QueryParam("bucket") String bucket);

    @GET
    @Path("stats/overview")
    AnalysisApi.OverviewStats overview(@HeaderParam("Authorization") String auth, @QueryParam("since") String since,
            @QueryParam("until") String until);

    @GET
    @Path("items/{id}/feedback")
    List<Feedback> feedback(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    @POST
    @Path("items/{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    Feedback giveFeedback(@HeaderParam("Authorization") String auth, @PathParam("id") String id, FeedbackRequest body);
}
