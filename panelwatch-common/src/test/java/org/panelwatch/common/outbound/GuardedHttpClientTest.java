package org.panelwatch.common.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real HTTP server on loopback, and resolvers scripted the way an attacker's DNS server answers. */
class GuardedHttpClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = "0123456789".getBytes(StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                sleep(3_000);
            }
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    /**
     * DNS rebinding: the name is public when it is checked and loopback when the client resolves it to
     * connect. Checking once and connecting to whatever the name says next would reach the server.
     */
    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckIsNotConnected() {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> new InetAddress[] {
                InetAddress.getByName(lookups.getAndIncrement() == 0 ? "93.184.215.14" : "127.0.0.1")};
        DestinationGuard guard = new DestinationGuard(AddressPolicy.publicOnly(), rebinding);
        String url = "http://rebind.example.org:" + port() + "/feed.xml";
        assertThat(guard.check(url).verdict()).isEqualTo(DestinationGuard.Verdict.ALLOWED);

        try (GuardedHttpClient client = client(guard)) {
            OutboundFailure failure = failureOf(client, OutboundRequest.get(URI.create(url), TIMEOUT, 1_000));
            assertThat(failure.kind()).isEqualTo(OutboundFailure.Kind.NOT_ALLOWED);
            assertThat(failure.getMessage()).contains("127.0.0.1");
        }
        assertThat(lookups).hasValue(2);
        assertThat(hits).hasValue(0);
    }

    /** The same request reaches the server where loopback is allowed: the refusal above is the policy's. */
    @Test
    void theSameNameReachesTheServerWhereLoopbackIsAllowed() {
        HostResolver loopback = host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        try (GuardedHttpClient client = client(new DestinationGuard(AddressPolicy.privateAllowed(), loopback))) {
            OutboundResponse response = client.send(OutboundRequest.get(
                    URI.create("http://rebind.example.org:" + port() + "/feed.xml"), TIMEOUT, 1_000)).join();
            assertThat(response.status()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("0123456789");
            assertThat(response.header("etag")).hasValue("\"v1\"");
        }
        assertThat(hits).hasValue(1);
    }

    @Test
    void addressLiteralsGoThroughThePolicyToo() {
        try (GuardedHttpClient client = client(new DestinationGuard(AddressPolicy.publicOnly(), HostResolver.SYSTEM))) {
            for (String host : new String[] {"127.0.0.1", "[::ffff:127.0.0.1]", "localhost"}) {
                OutboundFailure failure = failureOf(client,
                        OutboundRequest.get(URI.create("http://" + host + ":" + port() + "/"), TIMEOUT, 1_000));
                assertThat(failure.kind()).as(host).isEqualTo(OutboundFailure.Kind.NOT_ALLOWED);
            }
            assertThat(failureOf(client, OutboundRequest.get(URI.create("file:///etc/passwd"), TIMEOUT, 1_000)).kind())
                    .isEqualTo(OutboundFailure.Kind.NOT_ALLOWED);
        }
        assertThat(hits).hasValue(0);
    }

    @Test
    void aBodyLongerThanTheLimitFailsAndABodyNotKeptIsStillRead() {
        try (GuardedHttpClient client = client(new DestinationGuard(AddressPolicy.privateAllowed(), HostResolver.SYSTEM))) {
            URI uri = URI.create("http://127.0.0.1:" + port() + "/");
            assertThat(failureOf(client, OutboundRequest.get(uri, TIMEOUT, 9)).kind()).isEqualTo(OutboundFailure.Kind.TOO_LARGE);
            assertThat(client.send(OutboundRequest.get(uri, TIMEOUT, 10)).join().body()).hasSize(10);
            OutboundResponse posted = client.send(OutboundRequest.post(uri, "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8), TIMEOUT)).join();
            assertThat(posted.status()).isEqualTo(200);
            assertThat(posted.body()).isEmpty();
        }
    }

    @Test
    void noAnswerInTimeAndAClosedPortAreTheirOwnKinds() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        try (GuardedHttpClient client = client(new DestinationGuard(AddressPolicy.privateAllowed(), HostResolver.SYSTEM))) {
            long started = System.nanoTime();
            OutboundFailure slow = failureOf(client,
                    OutboundRequest.get(URI.create("http://127.0.0.1:" + port() + "/slow"), Duration.ofMillis(500), 1_000));
            assertThat(slow.kind()).isEqualTo(OutboundFailure.Kind.TIMED_OUT);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
            assertThat(failureOf(client, OutboundRequest.get(URI.create("http://127.0.0.1:" + closed + "/"), TIMEOUT, 1_000))
                    .kind()).isEqualTo(OutboundFailure.Kind.UNREACHABLE);
            HostResolver nowhere = host -> {
                throw new UnknownHostException(host);
            };
            try (GuardedHttpClient unresolved = client(new DestinationGuard(AddressPolicy.privateAllowed(), nowhere))) {
                assertThat(failureOf(unresolved, OutboundRequest.get(URI.create("http://nowhere.example.org/"), TIMEOUT, 1))
                        .kind()).isEqualTo(OutboundFailure.Kind.UNRESOLVED);
            }
        }
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private static GuardedHttpClient client(DestinationGuard guard) {
        return new GuardedHttpClient(guard, new GuardedHttpClient.Settings(Duration.ofSeconds(2), 4));
    }

    private static OutboundFailure failureOf(GuardedHttpClient client, OutboundRequest request) {
        Throwable thrown = catchThrowable(() -> client.send(request).join());
        assertThat(thrown).isInstanceOf(CompletionException.class).hasCauseInstanceOf(OutboundFailure.class);
        return (OutboundFailure) thrown.getCause();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
