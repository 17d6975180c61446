package org.panelwatch.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.panelwatch.alert.support.AlertTestSupport;
import org.panelwatch.alert.support.AlertTestSupport.Created;
import org.panelwatch.alert.support.GreenMailServer;
import org.panelwatch.alert.support.WebhookReceiver;
import org.panelwatch.common.outbound.HostResolver;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** Webhook addresses with production's policy: private addresses refused, as in {@code prod}. */
@QuarkusTest
@TestProfile(WebhookAddressProductionTest.PublicOnly.class)
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(GreenMailServer.class)
class WebhookAddressProductionTest {

    public static class PublicOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>();
            // %test. too: a profiled key in application.properties outranks an unprofiled override.
            for (String prefix : new String[] {"", "%test."}) {
                overrides.put(prefix + "panelwatch.alert.webhook.allow-private-addresses", "false");
            }
            return overrides;
        }
    }

    private static Created subscriber;

    /** Made on first use: a static @BeforeAll runs before the application of this profile listens. */
    private static synchronized Created subscriber() throws Exception {
        if (subscriber == null) {
            AlertTestSupport.resetOnce();
            subscriber = AlertTestSupport.subscriber("Production");
        }
        return subscriber;
    }

    /** The addresses of the issue, each of which some guard let through, and the plain private ones. */
    @ParameterizedTest
    @ValueSource(strings = {"http://[64:ff9b::169.254.169.254]/latest/meta-data/", "http://[::169.254.169.254]/",
            "http://[::127.0.0.1]/hook", "http://[::a00:5]/hook", "http://[64:ff9b::a00:5]/hook",
            "http://[64:ff9b:1::a00:5]/hook", "http://192.0.0.8/hook", "http://[2002:a00:5::]/hook",
            "http://[2001:0:a00:5::]/hook", "http://127.0.0.1:9000/hook", "http://localhost/hook", "http://10.1.2.3/hook",
            "http://[::1]/hook", "http://[fd12:3456::1]/hook", "http://100.64.0.1/hook", "http://[::ffff:10.0.0.1]/hook"})
    void everyNonPublicAddressIsRefusedWhenTheSubscriptionIsSaved(String url) throws Exception {
        given().auth().oauth2(subscriber().apiKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "internal", "channel", Map.of("type", "webhook", "url", url)))
                .post("/api/v1/subscriptions").then().statusCode(422).body("errors.field", containsInAnyOrder("channel.url"));
    }

    /**
     * DNS rebinding: the name is public when the subscription is saved and loopback when the test alert
     * connects. The receiver listening on loopback must get nothing, and the answer says only that the
     * address is not allowed.
     */
    @Test
    void aWebhookWhoseNameRebindsToLoopbackIsNotCalled() throws Exception {
        WebhookReceiver receiver = WebhookReceiver.get();
        URI endpoint = URI.create(receiver.endpoint(204));
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> host.equals("rebind.example.org")
                ? new InetAddress[] {InetAddress.getByName(lookups.getAndIncrement() == 0 ? "93.184.216.34" : "127.0.0.1")}
                : HostResolver.SYSTEM.resolve(host);
        QuarkusMock.installMockForType(rebinding, HostResolver.class);
        String url = "http://rebind.example.org:" + endpoint.getPort() + endpoint.getPath();

        String id = AlertTestSupport.webhookSubscription(subscriber().apiKey(), url, AlertTestSupport.uniqueWord(), "immediate").id();
        given().auth().oauth2(subscriber().apiKey()).post("/api/v1/subscriptions/" + id + "/test").then().statusCode(200)
                .body("status", is("failed")).body("statusCode", nullValue())
                .body("error", is("the address is not allowed"));

        assertThat(lookups.get()).isGreaterThanOrEqualTo(2);
        assertThat(receiver.received(endpoint.toString())).isEmpty();
    }
}
