package org.panelwatch.alert;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.panelwatch.alert.support.GreenMailServer;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.ServiceReadinessContract;
import org.panelwatch.testing.TestDatabase;

@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(GreenMailServer.class)
class ServiceReadinessTest extends ServiceReadinessContract {

    @Override
    protected String schema() {
        return "alert";
    }

    @Override
    protected List<String> expectedTables() {
        return List.of("subscriber", "subscription", "alert", "delivery", "delivery_attempt", "processed_signal");
    }

    @Override
    protected List<String> createOperations() {
        return List.of("post /api/v1/subscribers", "post /api/v1/subscriptions");
    }
}
