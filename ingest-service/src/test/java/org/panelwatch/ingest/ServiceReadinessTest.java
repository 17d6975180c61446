package org.panelwatch.ingest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.ServiceReadinessContract;
import org.panelwatch.testing.TestDatabase;

@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class ServiceReadinessTest extends ServiceReadinessContract {

    @Override
    protected String schema() {
        return "ingest";
    }

    @Override
    protected List<String> expectedTables() {
        return List.of("item_identity", "feed");
    }

    @Override
    protected List<String> createOperations() {
        return List.of("post /api/v1/feeds");
    }
}
