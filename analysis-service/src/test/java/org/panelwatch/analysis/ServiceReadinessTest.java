package org.panelwatch.analysis;

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
        return "analysis";
    }

    @Override
    protected List<String> expectedTables() {
        return List.of("item", "item_topic", "item_entity", "signal", "story", "story_band");
    }
}
