package org.panelwatch.analysis.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A WireMock server on loopback standing in for the UN's consolidated list; the service fetches from it. */
public class UnListServer implements QuarkusTestResourceLifecycleManager {

    public static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return Map.of("panelwatch.un-list.refresh.url", "http://127.0.0.1:" + server.port() + "/resources/xml/en/consolidated.xml",
                // UnListRefreshTest proves that a new list retags the stored items.
                "panelwatch.un-list.refresh.retag", "true",
                "panelwatch.un-list.refresh.timeout", "20s");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
