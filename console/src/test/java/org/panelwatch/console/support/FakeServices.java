package org.panelwatch.console.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The three services as one WireMock server on loopback: the console's tests check the pages, not
 * the services, which have their own tests. Each test stubs the answers it needs.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    public static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String url = "http://127.0.0.1:" + server.port();
        return Map.of("quarkus.rest-client.analysis.url", url, "quarkus.rest-client.ingest.url", url,
                "quarkus.rest-client.alert.url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
